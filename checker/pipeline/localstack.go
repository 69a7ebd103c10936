package pipeline

import (
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/model"
)

// localStack knows the project's LocalStack services (an AWS emulator
// that accepts any credentials: the access key only selects an account
// id). AWS credentials given to it, or to a client pointed at it, open
// nothing, so SEC001 does not report them; their values are still masked.
type localStack struct {
	hosts  []string        // names the LocalStack services answer to
	values map[string]bool // the AWS credential values given to them
}

// newLocalStack finds the LocalStack services of a compose project.
func newLocalStack(services []*compose.Service) localStack {
	ls := localStack{values: map[string]bool{}}
	for _, svc := range services {
		if !isLocalStackImage(svc.Image) {
			continue
		}
		for _, h := range append([]string{svc.Name, svc.ContainerName, svc.Hostname}, svc.Aliases...) {
			if h != "" {
				ls.hosts = append(ls.hosts, strings.ToLower(h))
			}
		}
		for _, e := range svc.Environment {
			if awsCredential(e.Name) && e.Value != "" {
				ls.values[e.Value] = true
			}
		}
	}
	return ls
}

// isLocalStackImage is true for localstack/localstack (and -pro) images.
func isLocalStackImage(image string) bool {
	repo := strings.ToLower(image)
	if i := strings.LastIndexByte(repo, '/'); i >= 0 {
		repo = repo[i+1:]
	}
	if i := strings.IndexAny(repo, ":@"); i >= 0 {
		repo = repo[:i]
	}
	return repo == "localstack" || strings.HasPrefix(repo, "localstack-")
}

// awsCredential is true for the names AWS credentials are written under:
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and the S3A
// keys (fs.s3a.access.key, spark.hadoop.fs.s3a.secret.key, ...).
func awsCredential(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "aws_") || strings.Contains(n, "fs.s3a.") || strings.Contains(n, "aws.")
}

// dummy is true for an AWS credential that only LocalStack receives: one
// written on a LocalStack service, one whose value such a service is
// given, or one written beside an endpoint that names LocalStack
// (context holds the texts written beside it: the service's environment
// and command, or the configuration file's values).
func (ls localStack) dummy(name, value string, onLocalStack bool, context []string) bool {
	if len(ls.hosts) == 0 || !awsCredential(name) {
		return false
	}
	if onLocalStack || ls.values[value] {
		return true
	}
	for _, text := range context {
		if ls.named(text) {
			return true
		}
	}
	return false
}

// named is true when a text holds a URL whose host is a LocalStack
// service (http://localstack:4566, https://aws-local:4566/bucket).
func (ls localStack) named(text string) bool {
	t := strings.ToLower(text)
	for _, h := range ls.hosts {
		for i := strings.Index(t, "://"+h); i >= 0; {
			end := i + 3 + len(h)
			if end == len(t) || strings.ContainsRune(":/\"' ,;", rune(t[end])) {
				return true
			}
			next := strings.Index(t[end:], "://"+h)
			if next < 0 {
				break
			}
			i = end + next
		}
	}
	return false
}

// serviceTexts are the values of a service's environment and the words
// of its command and entrypoint.
func serviceTexts(svc *compose.Service) []string {
	var out []string
	for _, e := range svc.Environment {
		out = append(out, e.Value)
	}
	for _, c := range []*compose.Command{svc.Command, svc.Entrypoint} {
		if c == nil {
			continue
		}
		out = append(out, c.Shell)
		for _, a := range c.Args {
			out = append(out, a.Text)
		}
	}
	return out
}

// settingTexts are the values of a configuration file's settings.
func settingTexts(settings []model.Setting) []string {
	out := make([]string, len(settings))
	for i, st := range settings {
		out[i] = st.Value
	}
	return out
}
