package pipeline

import (
	"slices"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/secret"
)

func TestIsLocalStackImage(t *testing.T) {
	for image, want := range map[string]bool{
		"localstack/localstack":             true,
		"localstack/localstack:3.4":         true,
		"localstack/localstack-pro:latest":  true,
		"registry.example.com/localstack:1": true,
		"minio/minio":                       false,
		"localstacker/app":                  false,
		"":                                  false,
	} {
		if got := isLocalStackImage(image); got != want {
			t.Errorf("isLocalStackImage(%q) = %v, want %v", image, got, want)
		}
	}
}

func TestLocalStackNamed(t *testing.T) {
	ls := localStack{hosts: []string{"localstack", "aws-local"}}
	for text, want := range map[string]bool{
		"http://localstack:4566":                true,
		"--endpoint-url=http://LocalStack:4566": true,
		"https://aws-local/bucket":              true,
		"http://localstack":                     true,
		"http://localstack-ui:8080":             false,
		"http://s3.amazonaws.com":               false,
		"localstack:4566":                       false,
	} {
		if got := ls.named(text); got != want {
			t.Errorf("named(%q) = %v, want %v", text, got, want)
		}
	}
}

// LocalStack accepts any credentials: AWS keys written on it, given to it
// or beside an endpoint naming it are not reported (and stay masked); an
// AWS key of a service that talks to real AWS, and any other secret, are.
func TestLocalStackCredentialsAreNotReported(t *testing.T) {
	p := buildDir(t, map[string]string{
		"compose.yaml": `services:
  kafka:
    image: bitnami/kafka:3.7.0
    environment:
      KAFKA_CFG_PROCESS_ROLES: broker,controller
  localstack:
    image: localstack/localstack:3.4
    environment:
      AWS_ACCESS_KEY_ID: Ls-Key-1
      AWS_SECRET_ACCESS_KEY: Ls-Secret-1
  init-s3:
    image: amazon/aws-cli
    environment:
      AWS_SECRET_ACCESS_KEY: Ls-Secret-1
    command: s3 mb s3://landing --endpoint-url http://localstack:4566
  uploader:
    image: amazon/aws-cli
    environment:
      AWS_ENDPOINT_URL: http://localstack:4566
      AWS_SECRET_ACCESS_KEY: Other-Dummy-2
      DB_PASSWORD: Db-Secret-3
  exporter:
    image: amazon/aws-cli
    environment:
      AWS_SECRET_ACCESS_KEY: Real-Aws-Secret-4
`,
		"spark-defaults.conf": "spark.hadoop.fs.s3a.endpoint http://localstack:4566\nspark.hadoop.fs.s3a.secret.key Ls-Secret-1\n",
	})
	if s := modelJSON(t, p); strings.Contains(s, "Ls-Secret-1") || strings.Contains(s, "Other-Dummy-2") || strings.Contains(s, "Real-Aws-Secret-4") {
		t.Errorf("a credential is in the model:\n%s", s)
	}
	reported := map[string][]string{}
	for _, svc := range p.Services {
		for _, ref := range svc.Secrets {
			reported[svc.Name] = append(reported[svc.Name], ref.Name)
		}
	}
	for _, cf := range p.ConfigFiles {
		for _, ref := range cf.Secrets {
			reported[cf.File] = append(reported[cf.File], ref.Name)
		}
	}
	for owner := range reported {
		slices.Sort(reported[owner])
	}
	want := map[string][]string{"uploader": {"DB_PASSWORD"}, "exporter": {"AWS_SECRET_ACCESS_KEY"}}
	if len(reported) != len(want) || !slices.Equal(reported["uploader"], want["uploader"]) || !slices.Equal(reported["exporter"], want["exporter"]) {
		t.Errorf("reported secrets = %v, want %v", reported, want)
	}
	if len(p.Apps) == 0 {
		t.Fatal("spark-defaults.conf made no app")
	}
	for _, app := range p.Apps {
		for _, st := range app.Settings["spark.hadoop.fs.s3a.secret.key"].All {
			if st.Secret != secret.Emulator {
				t.Errorf("app %s: s3a secret key is %q, want %q", app.ID, st.Secret, secret.Emulator)
			}
		}
	}
}
