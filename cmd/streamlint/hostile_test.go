package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/streamlint/streamlint/checker/report"
)

// The hostile corpus runs the streamlint binary, built from this
// package without -race, as a separate process, so that its real
// environment, and so /proc/self/environ, holds the canary token a pull
// request would be after.
const (
	canaryToken  = "canary-env-7f3a9c"
	canarySecret = "canary-secret-91b2"
)

// buildStreamlint builds the binary into a temporary directory.
func buildStreamlint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "streamlint")
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command builds the binary under test: %v", err)
	}
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	cmd.Dir = filepath.Join(repoRoot(), "cmd", "streamlint")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// hostileRun is one run of the CLI in dir with the canary environment.
type hostileRun struct {
	stdout, stderr string
	code           int
	files          map[string]string // what it wrote: output files and the step summary
}

func runHostile(t *testing.T, bin, dir string, args ...string) hostileRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	summary := filepath.Join(t.TempDir(), "summary.md")
	// KAFKA_LOG_RETENTION_MS first: /proc/self/environ read as an env
	// file is one variable (NUL is no line break) of that name whose
	// value is the whole environment, canaries included, which KAF011
	// would quote
	cmd.Env = append(append([]string{"KAFKA_LOG_RETENTION_MS=1"}, os.Environ()...),
		"GITHUB_TOKEN="+canaryToken, "AWS_SECRET_ACCESS_KEY="+canaryToken, "GITHUB_STEP_SUMMARY="+summary)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v: still running after %v (a hang)", args, time.Since(start))
	}
	r := hostileRun{stdout: out.String(), stderr: errb.String(), files: map[string]string{}}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	if b, err := os.ReadFile(summary); err == nil {
		r.files["step summary"] = string(b)
	}
	return r
}

// hostileCase is one thing a pull request can commit.
type hostileCase struct {
	name    string
	fixture string                         // folder of fixtures/hostile copied first ("" none)
	setup   func(t *testing.T, dir string) // links, FIFOs, generated files
	args    []string                       // after the formats; paths relative to the case folder
	code    int
	// want are substrings of the JSON report (check) or, when the run
	// stops before any report (a configuration or usage error), of
	// standard error.
	want []string
	// textWant are substrings of the text output.
	textWant []string
	// noReport: the run stops before writing any report.
	noReport bool
	// after checks the case folder once the runs are done.
	after func(t *testing.T, dir string)
	// parse: also run parse and check its output (the cases where a
	// secret or the environment could reach the model).
	parse bool
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

func symlink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

const hostileBroker = "services:\n  kafka:\n    image: confluentinc/cp-kafka:7.6.1\n    environment:\n      KAFKA_NUM_PARTITIONS: 1\n"

func hostileCases() []hostileCase {
	return []hostileCase{
		// leaks
		{name: "env-environ", parse: true, fixture: "env-environ", code: exitError,
			setup: func(t *testing.T, dir string) { symlink(t, "/proc/self/environ", filepath.Join(dir, ".env")) },
			want:  []string{`"file": ".env"`, "is under /proc, /sys or /dev"}},
		{name: "envfile-environ", parse: true, fixture: "envfile-environ", code: exitError,
			setup: func(t *testing.T, dir string) { symlink(t, "/proc/self/environ", filepath.Join(dir, "runner.env")) },
			want:  []string{`"line": 7`, `env_file \"runner.env\" of service \"kafka\" links to /proc/`, `"rule_id": "KAF005"`}},
		{name: "config-env-files-dev-zero", parse: true, fixture: "config-envfiles-zero", code: exitError, noReport: true,
			want: []string{`.streamlint.yaml:1: env-files: "/dev/zero" is under /proc, /sys or /dev`}},
		{name: "dotenv-unterminated-quote", parse: true, fixture: "dotenv-unterminated", code: exitError,
			want: []string{`"file": ".env"`, `"line": 2`, "unterminated quoted value (the line is not shown"}},
		{name: "list-form-secret-in-load-error", parse: true, fixture: "list-secret-interp", code: exitError,
			want: []string{`"line": 6`, "invalid interpolation format", "the value is not shown"}},
		{name: "dotenv-secret-under-other-names", parse: true, fixture: "dotenv-secret-interp", code: exitError,
			want: []string{`"rule_id": "KAF011"`, `(log.segment.bytes): \"<redacted>\" is not an integer`, `\"x<redacted>\" is not an integer`,
				`parsing \"<redacted>\"`}},
		{name: "include-chain-past-the-vetting", parse: true, code: exitError,
			setup: func(t *testing.T, dir string) {
				// files 17 and more levels deep were left to compose-go
				// unvetted (and a chain of 200 cost a minute)
				writeFile(t, filepath.Join(dir, "compose.yaml"), "include: [i1.yaml]\n"+hostileBroker)
				for i := 1; i < 20; i++ {
					writeFile(t, filepath.Join(dir, fmt.Sprintf("i%d.yaml", i)), fmt.Sprintf("include: [i%d.yaml]\nservices:\n  s%d:\n    image: alpine\n", i+1, i))
				}
				writeFile(t, filepath.Join(dir, "i20.yaml"), "include:\n  - path: x.yaml\n    env_file: runner.env\n  - zero.yaml\n")
				writeFile(t, filepath.Join(dir, "x.yaml"), "services:\n  k:\n    image: confluentinc/cp-kafka:7.6.1\n    environment:\n      KAFKA_LOG_RETENTION_MS: ${GITHUB_TOKEN}\n")
				symlink(t, "/proc/self/environ", filepath.Join(dir, "runner.env"))
				symlink(t, "/dev/zero", filepath.Join(dir, "zero.yaml"))
			},
			want: []string{`"file": "i16.yaml"`, `include \"i17.yaml\" is more than 16 files deep`}},
		// hangs
		{name: "gitignore-dev-zero", code: exitError,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker)
				symlink(t, "/dev/zero", filepath.Join(dir, ".gitignore"))
			},
			want: []string{`"file": ".gitignore"`, "under /proc, /sys or /dev"}},
		{name: "gitignore-fifo", code: exitError,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker)
				mkfifo(t, filepath.Join(dir, ".gitignore"))
			},
			want: []string{`"file": ".gitignore"`, "not a regular file"}},
		{name: "policy-dev-zero", fixture: "special-refs", args: []string{"--policy", "policy"}, code: exitError, noReport: true,
			setup: func(t *testing.T, dir string) { symlink(t, "/dev/zero", filepath.Join(dir, "policy", "x.rego")) },
			want:  []string{"policy policy/x.rego: links to /dev/zero, which is under /proc, /sys or /dev"}},
		{name: "config-fifo", fixture: "special-refs", args: []string{"--config", "conf.yaml"}, code: exitError, noReport: true,
			setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "conf.yaml")) },
			want:  []string{"conf.yaml: is not a regular file"}},
		{name: "baseline-fifo", fixture: "special-refs", args: []string{"--baseline", "base.json"}, code: exitError, noReport: true,
			setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "base.json")) },
			want:  []string{"baseline base.json: is not a regular file"}},
		{name: "env-file-flag-fifo", fixture: "special-refs", args: []string{"--env-file", "extra.env"}, code: exitError, noReport: true,
			setup: func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, "extra.env")) },
			want:  []string{"--env-file extra.env: is not a regular file"}},
		{name: "alias-expansion-bomb", code: exitError,
			setup: func(t *testing.T, dir string) {
				var b strings.Builder
				b.WriteString("x-big: &big \"" + strings.Repeat("a", 500_000) + "\"\nservices:\n  kafka:\n    image: confluentinc/cp-kafka:7.6.1\n    labels:\n")
				for i := range 20_000 {
					fmt.Fprintf(&b, "      l%d: *big\n", i)
				}
				writeFile(t, filepath.Join(dir, "compose.yaml"), b.String())
			},
			want: []string{`"line": 14`, "an alias bomb"}},
		// output injection
		{name: "injection-in-values", parse: true, fixture: "inject-value", code: exitFindings,
			want: []string{`"rule_id": "KAF011"`}, textWant: []string{`\n::error file=README.md`}},
		{name: "injection-in-directory-names", parse: true, code: exitFindings,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "x\n::error file=README.md,line=1::pwned\x1b[2J", "compose.yaml"), hostileBroker)
			},
			want: []string{`"rule_id": "KAF005"`}, textWant: []string{`x\n::error file=README.md,line=1::pwned\x1b[2J/compose.yaml:5:29`}},
		{name: "output-symlink-outside", args: []string{"-f", "sarif", "-o", "streamlint.sarif"}, code: exitError, noReport: true,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker)
				victim := filepath.Join(t.TempDir(), "victim")
				writeFile(t, victim, "keep")
				symlink(t, victim, filepath.Join(dir, "streamlint.sarif"))
			},
			want: []string{"outside the working directory"},
			after: func(t *testing.T, dir string) {
				target, _ := os.Readlink(filepath.Join(dir, "streamlint.sarif"))
				if b, _ := os.ReadFile(target); string(b) != "keep" {
					t.Errorf("the file outside the working directory was overwritten: %.80q", b)
				}
			}},
		// silent skips
		{name: "gitignore-star-outside-git", code: exitOK,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker)
				writeFile(t, filepath.Join(dir, ".gitignore"), "*\n")
			},
			want: []string{`"file": "compose.yaml",`, `skipped: ignored by .gitignore:1 (\"*\")`, ".gitignore hides every candidate file"}},
		{name: "gitignore-cannot-hide-tracked", code: exitFindings,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker)
				writeFile(t, filepath.Join(dir, "sub", "compose.yaml"), hostileBroker)
				writeFile(t, filepath.Join(dir, ".gitignore"), "*\n")
				writeFile(t, filepath.Join(dir, "sub", ".gitignore"), "compose.yaml\n")
				writeGitIndex(t, dir, "compose.yaml", "sub/compose.yaml")
			},
			want: []string{`"file": "compose.yaml",`, `"file": "sub/compose.yaml",`, `"rule_id": "KAF005"`}},
		{name: "fifo-candidates", parse: true, code: exitError,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker+"    env_file: [pipe.env]\n")
				for _, n := range []string{"job.py", "app.properties", "extra.yml", "pipe.env"} {
					mkfifo(t, filepath.Join(dir, n))
				}
			},
			want: []string{"job.py", "app.properties", "extra.yml", `env_file \"pipe.env\" of service \"kafka\" is not a regular file`}},
		{name: "one-bad-service-keeps-the-others", code: exitError,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker+"  other:\n    image: alpine\n    mem_limit: abc\n  more:\n    image: alpine\n    cpus: lots\n")
			},
			want: []string{`"line": 8`, `service \"other\" is left out`, `"line": 11`, `service \"more\" is left out`, `"rule_id": "KAF005"`}},
		{name: "override-fifo-keeps-the-base", code: exitError,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "docker-compose.yml"), hostileBroker)
				mkfifo(t, filepath.Join(dir, "docker-compose.override.yml"))
			},
			want: []string{`docker-compose.override.yml`, `is not a regular file`, `"rule_id": "KAF005"`}},
		{name: "override-bad-yaml-keeps-the-base", code: exitError,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "docker-compose.yml"), hostileBroker)
				writeFile(t, filepath.Join(dir, "docker-compose.override.yml"), "services:\n  kafka:\n    environment: [a\n")
			},
			want: []string{`docker-compose.override.yml`, `invalid YAML`, `"rule_id": "KAF005"`}},
		{name: "dotenv-unreadable", parse: true, code: exitError,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker)
				if err := os.Mkdir(filepath.Join(dir, ".env"), 0o755); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{`"file": ".env"`, ".env: is a directory"}},
		// wrong places
		{name: "multi-document", fixture: "multi-doc", code: exitFindings,
			want: []string{`"rule_id": "KAF005"`, `"line": 9`}},
		{name: "include-etc-passwd", fixture: "include-passwd", code: exitError,
			want: []string{`"line": 2`, `include \"/etc/passwd\" is outside the files under check`}},
		// the host's files: a pull request names paths of its choosing
		{name: "host-files-outside-the-repository", parse: true, code: exitFindings,
			setup: func(t *testing.T, dir string) {
				host := filepath.Join(t.TempDir(), "runner.env")
				writeFile(t, host, "KAFKA_LOG_RETENTION_HOURS="+canarySecret+"\nKAFKA_BROKER_ID="+canarySecret+"\n")
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker+
					"    env_file: ["+host+"]\n    volumes:\n      - "+host+":/etc/kafka/kafka.properties\n")
			},
			want: []string{`"line": 6`, `is outside the files under check`}},
		{name: "config-names-host-files", code: exitError, noReport: true,
			setup: func(t *testing.T, dir string) {
				host := filepath.Join(t.TempDir(), "runner.env")
				writeFile(t, host, "TOKEN="+canarySecret+"\n")
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker)
				writeFile(t, filepath.Join(dir, ".streamlint.yaml"), "env-files:\n  - "+host+"\n")
			},
			want: []string{".streamlint.yaml:2: env-files:", "is outside the files under check"}},
		{name: "git-config-holds-the-checkout-token", parse: true, code: exitError,
			setup: func(t *testing.T, dir string) {
				// actions/checkout keeps its token in .git/config
				writeFile(t, filepath.Join(dir, ".git", "config"), "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic "+canarySecret+"\n")
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker+
					"    env_file: [.git/config]\n    volumes:\n      - ./.git/config:/etc/kafka/kafka.properties\n")
			},
			want: []string{`"line": 6`, `"line": 8`, `is inside a .git directory`}},
		{name: "mem-limit-not-a-size", fixture: "mem-limit", code: exitError,
			want: []string{`"line": 4`, `"column": 16`, "services.kafka.mem_limit: invalid size"}},
		{name: "non-finite-yaml-float", fixture: "nonfinite-float", code: exitError,
			want: []string{`"line": 9`, `"column": 29`, `services.kafka.environment.KAFKA_LOG_ROLL_HOURS: .inf is a YAML float infinity`,
				`service \"kafka\" is left out`, `"rule_id": "KAF005"`, `"line": 13`}},
		{name: "service-name-not-allowed", code: exitError,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "a", "compose.yaml"), hostileBroker+"  \"x\\n::error file=README.md,line=1::pwned\":\n    image: alpine\n")
				writeFile(t, filepath.Join(dir, "b", "compose.yaml"), hostileBroker+"networks:\n  \"bad net!\": {}\n")
			},
			want: []string{`"line": 6`, `services: the name \"x\\n::error file=README.md,line=1::pwned\" is not allowed`, `is left out`,
				`"line": 7`, `networks: the name \"bad net!\" is not allowed`, `"rule_id": "KAF005"`}},
		{name: "command-unbalanced-quote", fixture: "command-quote", code: exitError,
			want: []string{`"line": 4`, "services.spark.command: invalid command line string"}},
		{name: "cr-only-line-endings", code: exitFindings,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), "services:\r  kafka:\r    image: confluentinc/cp-kafka:7.6.1\r    environment:\r      - KAFKA_NUM_PARTITIONS=1\r")
			},
			want: []string{`"rule_id": "KAF005"`, `"line": 5,`, `"column": 30`}},
		{name: "invalid-exclude-glob", args: []string{"--exclude", "["}, code: exitError, noReport: true,
			setup: func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker) },
			want:  []string{`--exclude "[": syntax error in pattern`}},
		{name: "invalid-exclude-glob-in-config", code: exitError, noReport: true,
			setup: func(t *testing.T, dir string) {
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker)
				writeFile(t, filepath.Join(dir, ".streamlint.yaml"), "exclude:\n  - vendor/**\n  - \"[\"\n")
			},
			want: []string{`.streamlint.yaml:3: exclude: "[": syntax error in pattern`}},
		// cost
		{name: "properties-100k-keys", code: exitError,
			setup: func(t *testing.T, dir string) {
				var b strings.Builder
				for i := range 100_000 {
					fmt.Fprintf(&b, "spark.custom.key%d value%d\n", i, i)
				}
				writeFile(t, filepath.Join(dir, "spark-defaults.conf"), b.String())
			},
			want: []string{"100000 settings, more than the 5000"}},
		{name: "listeners-10k", code: exitFindings,
			setup: func(t *testing.T, dir string) {
				// KAF019 grouped listener names and ports with a
				// comprehension per name: past the policy timeout (exit 2)
				var b strings.Builder
				for i := range 10_000 {
					fmt.Fprintf(&b, ",L%d://:%d", i, 9000+i%1000)
				}
				writeFile(t, filepath.Join(dir, "compose.yaml"), hostileBroker+"      KAFKA_LISTENERS: "+b.String()[1:]+"\n")
			},
			want: []string{`"rule_id": "KAF019"`, `bind port 9000 twice`, `"rule_id": "KAF005"`}},
		{name: "job-200k-config-calls", code: exitError,
			setup: func(t *testing.T, dir string) {
				var b strings.Builder
				b.WriteString("from pyspark.sql import SparkSession\nspark = SparkSession.builder")
				for i := range 200_000 {
					fmt.Fprintf(&b, ".config(\"spark.k%d\", \"v%d\")", i, i)
				}
				b.WriteString(".getOrCreate()\n")
				writeFile(t, filepath.Join(dir, "job.py"), b.String())
			},
			want: []string{"200000 settings, more than the 5000"}},
	}
}

// writeGitIndex makes dir a git work tree tracking paths.
func writeGitIndex(t *testing.T, dir string, paths ...string) {
	t.Helper()
	idx := &index.Index{Version: 2}
	for _, p := range paths {
		idx.Entries = append(idx.Entries, &index.Entry{Name: p, ModifiedAt: time.Unix(1, 0), CreatedAt: time.Unix(1, 0)})
	}
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, ".git", "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := index.NewEncoder(f).Encode(idx); err != nil {
		t.Fatal(err)
	}
}

// TestHostileCorpus runs each case of fixtures/hostile: check in every
// format (each written to a file, text also to standard output, the
// github step summary too) and parse, in a separate process whose
// environment holds canary tokens. Every case must report what it says,
// never hang (90 s), and print neither canary anywhere; in the text and
// github outputs no line may start with "::" unless it is an annotation.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs streamlint as a process for each case")
	}
	bin := buildStreamlint(t)
	for _, c := range hostileCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if c.fixture != "" {
				copyInto(t, filepath.Join(repoRoot(), "fixtures", "hostile", c.fixture), dir)
			}
			if c.setup != nil {
				c.setup(t, dir)
			}
			outDir := t.TempDir()
			args := []string{"check"}
			for _, f := range report.Formats() {
				args = append(args, "-f", f, "-o", filepath.Join(outDir, "report."+f))
			}
			args = append(args, "-f", "text")
			if len(c.args) > 0 && c.args[0] == "-f" {
				args = []string{"check"} // the case chooses its outputs
			}
			args = append(args, c.args...)
			r := runHostile(t, bin, dir, args...)
			if r.code != c.code {
				t.Errorf("check exit %d, want %d\nstdout:\n%.2000s\nstderr:\n%.2000s", r.code, c.code, r.stdout, r.stderr)
			}
			outputs := map[string]string{"stdout": r.stdout, "stderr": r.stderr}
			for k, v := range r.files {
				outputs[k] = v
			}
			entries, _ := os.ReadDir(outDir)
			for _, e := range entries {
				b, err := os.ReadFile(filepath.Join(outDir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				outputs[e.Name()] = string(b)
			}
			if !c.noReport {
				if _, ok := outputs["report.json"]; !ok {
					t.Fatalf("no JSON report written; stderr: %s", r.stderr)
				}
			}
			where := outputs["report.json"]
			if c.noReport {
				where = r.stderr
			}
			for _, w := range c.want {
				if !strings.Contains(where, w) {
					t.Errorf("lacks %q:\n%.3000s", w, where)
				}
			}
			for _, w := range c.textWant {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("text output lacks %q:\n%.3000s", w, r.stdout)
				}
			}
			if c.parse {
				parse := runHostile(t, bin, dir, append([]string{"parse"}, c.args...)...)
				outputs["parse stdout"], outputs["parse stderr"] = parse.stdout, parse.stderr
			}
			for name, out := range outputs {
				for _, canary := range []string{canaryToken, canarySecret} {
					if strings.Contains(out, canary) {
						t.Errorf("%s holds the canary %q:\n%.3000s", name, canary, out)
					}
				}
				if name == "stdout" || name == "report.github" || name == "report.text" || name == "stderr" || name == "parse stderr" {
					checkLines(t, name, out)
				}
			}
			if c.after != nil {
				c.after(t, dir)
			}
		})
	}
}

// checkLines fails on a line that starts with "::" (after blanks) and is
// not an annotation of ours, and on raw ESC characters.
func checkLines(t *testing.T, name, out string) {
	t.Helper()
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("%s holds a raw control character:\n%q", name, out)
	}
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(trimmed, "::") {
			continue
		}
		ours := strings.HasPrefix(line, "::error file=") || strings.HasPrefix(line, "::warning file=") || strings.HasPrefix(line, "::notice file=")
		if name != "report.github" || !ours {
			t.Errorf("%s: a line starts with \"::\": %q", name, line)
		}
	}
}

// copyInto copies the regular files below src into dst.
func copyInto(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		s, d := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())
		if e.IsDir() {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			copyInto(t, s, d)
			continue
		}
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, d, string(b))
	}
}
