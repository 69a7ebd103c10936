package shell

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

// render shows commands as "word@line:col" lists, one command a line;
// an unknown word is marked with "?".
func render(cmds []Command) string {
	var b strings.Builder
	for _, c := range cmds {
		for i, w := range c.Words {
			if i > 0 {
				b.WriteByte(' ')
			}
			mark := ""
			if w.Unknown {
				mark = "?"
			}
			fmt.Fprintf(&b, "%s%s@%d:%d", w.Text, mark, w.Loc.Line, w.Loc.Column)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestFileEveryWordPosition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
	}{
		{"lines, ; && || and pipes",
			"kafka-topics --create --topic a; kafka-topics --create --topic b\n" +
				"echo x && kafka-topics --create --topic c || true | cat\n",
			"kafka-topics@1:1 --create@1:14 --topic@1:23 a@1:31\n" +
				"kafka-topics@1:34 --create@1:47 --topic@1:56 b@1:64\n" +
				"echo@2:1 x@2:6\n" +
				"kafka-topics@2:11 --create@2:24 --topic@2:33 c@2:41\n" +
				"true@2:46\n" +
				"cat@2:53\n"},
		{"continuations and comments",
			"# create\nkafka-topics \\\n  --create \\\n  --topic a # trailing\n",
			"kafka-topics@2:1 --create@3:3 --topic@4:3 a@4:11\n"},
		{"quotes and escapes",
			`x "a \"b\"" 'c d' e\ f "$g h"` + "\n",
			`x@1:1 a "b"@1:3 c d@1:13 e f@1:19 $g h?@1:24` + "\n"},
		{"expansions are unknown",
			"kafka-topics --partitions $N --topic ${T:-x} --r $(cat f) --z $((1+2))\n",
			"kafka-topics@1:1 --partitions@1:14 $N?@1:27 --topic@1:30 ${T:-x}?@1:38 --r@1:46 $(cat f)?@1:50 --z@1:59 $((1+2))?@1:63\n" +
				"cat@1:52 f@1:56\n"},
		{"if, while, functions and subshells",
			"if true; then kafka-topics --create --topic a; fi\nf() { spark-submit app.py; }\n(cd /x && run)\nwhile false; do y; done\n",
			"true@1:4\nkafka-topics@1:15 --create@1:28 --topic@1:37 a@1:45\nspark-submit@2:7 app.py@2:20\ncd@3:2 /x@3:5\nrun@3:11\nfalse@4:7\ny@4:17\n"},
		{"wrappers and assignments",
			"A=1 exec env B=2 nohup /bin/kafka-topics.sh --list\n",
			"/bin/kafka-topics.sh@1:24 --list@1:45\n"},
		{"heredocs are not commands",
			"cat <<EOF > /f\nkafka-topics --create --topic nope\nEOF\nkafka-topics --create --topic yes\n",
			"cat@1:1\nkafka-topics@4:1 --create@4:14 --topic@4:23 yes@4:31\n"},
		{"non-ASCII columns",
			"echo 'é ü' x\n",
			"echo@1:1 é ü@1:6 x@1:12\n"},
		{"CRLF lines",
			"a b\r\nc d\r\n",
			"a@1:1 b@1:3\nc@2:1 d@2:3\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := File("s.sh", []byte(tt.script))
			if len(res.Problems) > 0 {
				t.Fatalf("problems: %+v", res.Problems)
			}
			if got := render(res.Commands); got != tt.want {
				t.Errorf("got\n%swant\n%s", got, tt.want)
			}
		})
	}
}

func TestForLoops(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, script, want string
	}{
		{"one pass per word, the word where the list writes it",
			"for t in orders payments; do\n  kafka-topics --create --topic $t --partitions 1\ndone\n",
			"kafka-topics@2:3 --create@2:16 --topic@2:25 orders@1:10 --partitions@2:36 1@2:49\n" +
				"kafka-topics@2:3 --create@2:16 --topic@2:25 payments@1:17 --partitions@2:36 1@2:49\n"},
		{"quoted and braced",
			`for t in a "b c"; do x "$t" ${t}; done` + "\n",
			"x@1:22 a@1:10 a@1:10\nx@1:22 b c@1:12 b c@1:12\n"},
		{"inside a longer word",
			"for t in a; do x pre-$t; done\n",
			"x@1:16 pre-a@1:18\n"},
		{"nested loops",
			"for a in 1 2; do for b in x y; do c $a$b; done; done\n",
			"c@1:35 1x@1:37\nc@1:35 1y@1:37\nc@1:35 2x@1:37\nc@1:35 2y@1:37\n"},
		{"an unknown list runs once, its variable unknown",
			"for t in $TOPICS; do x $t; done\n",
			"x@1:22 $t?@1:24\n"},
		{"no in: the positional parameters",
			"for t; do x $t; done\n",
			"x@1:11 $t?@1:13\n"},
		{"the variable is unknown after the loop",
			"for t in a; do :; done; x $t\n",
			":@1:16\nx@1:25 $t?@1:27\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := File("s.sh", []byte(tt.script))
			if got := render(res.Commands); got != tt.want {
				t.Errorf("got\n%swant\n%s", got, tt.want)
			}
		})
	}
}

func TestForLoopBounds(t *testing.T) {
	t.Parallel()
	words := strings.Repeat("w ", maxLoopWords+1)
	res := File("s.sh", []byte("for t in "+words+"; do x $t; done"))
	if len(res.Commands) != 1 || !res.Commands[0].Words[1].Unknown {
		t.Errorf("a list over the limit: %s", render(res.Commands))
	}
	// 64^4 passes would be 16 million commands: the budget stops it.
	loop := "for a in " + strings.Repeat("w ", maxLoopWords) + "; do "
	deep := strings.Repeat(loop, 4) + "x" + strings.Repeat("; done", 4)
	res = File("s.sh", []byte(deep))
	if len(res.Commands) > maxCommands {
		t.Errorf("%d commands, over the budget", len(res.Commands))
	}
}

// lit is a word written verbatim at loc.
func lit(text string, loc model.Location) Word { return Word{Text: text, Loc: loc} }

func at(line, col int) model.Location {
	return model.Location{File: "docker-compose.yml", Line: line, Column: col}
}

func TestExecShellScripts(t *testing.T) {
	t.Parallel()
	// command: ["bash", "-c", "..."] with a block scalar item at line 30,
	// column 11: the lines of the block start at that column.
	argv := []Word{lit("bash", at(28, 11)), lit("-c", at(29, 11)),
		lit("kafka-topics --create --topic a\nkafka-topics --create --topic b\nsh -c 'spark-submit --conf \"x=1 2\" app.py'", at(30, 11))}
	res := Exec(argv)
	want := "bash@28:11 -c@29:11 kafka-topics --create --topic a\nkafka-topics --create --topic b\nsh -c 'spark-submit --conf \"x=1 2\" app.py'@30:11\n" +
		"kafka-topics@30:11 --create@30:24 --topic@30:33 a@30:41\n" +
		"kafka-topics@31:11 --create@31:24 --topic@31:33 b@31:41\n" +
		"sh@32:11 -c@32:14 spark-submit --conf \"x=1 2\" app.py@32:17\n" +
		"spark-submit@32:18 --conf@32:31 x=1 2@32:38 app.py@32:46\n"
	if got := render(res.Commands); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	// byte positions inside a word after two levels of quoting
	conf := res.Commands[4].Words[2]
	if got := conf.LocAt(strings.Index(conf.Text, "2")); got != at(32, 43) {
		t.Errorf("'2' at %v, want 32:43", got)
	}
	if got := conf.LocAt(len(conf.Text)); got != at(32, 45) {
		t.Errorf("end at %v, want 32:45, after the closing quote", got)
	}
}

func TestExecForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		argv []string
		want []string // programs run
	}{
		{"exec form", []string{"kafka-topics", "--list"}, []string{"kafka-topics"}},
		{"sh -ec", []string{"/bin/sh", "-ec", "a; b"}, []string{"sh", "a", "b"}},
		{"busybox sh", []string{"busybox", "sh", "-c", "a"}, []string{"busybox", "a"}},
		{"sh without -c runs a file", []string{"sh", "/x.sh"}, []string{"sh"}},
		{"bash --login -c", []string{"bash", "--login", "-c", "a && b"}, []string{"bash", "a", "b"}},
		{"nested shells", []string{"sh", "-c", `bash -c "sh -c 'x'"`}, []string{"sh", "bash", "sh", "x"}},
		{"tini and gosu", []string{"tini", "--", "gosu", "kafka", "kafka-topics"}, []string{"kafka-topics"}},
		{"only wrappers", []string{"env", "A=1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var argv []Word
			for i, a := range tt.argv {
				argv = append(argv, lit(a, at(1, 1+10*i)))
			}
			var got []string
			for _, c := range Exec(argv).Commands {
				got = append(got, c.Program())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("programs %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDepthLimit(t *testing.T) {
	t.Parallel()
	script := "x"
	for range maxDepth + 2 {
		script = "sh -c " + quote(script)
	}
	res := Exec([]Word{lit("sh", at(1, 1)), lit("-c", at(1, 4)), lit(script, at(1, 7))})
	for _, c := range res.Commands {
		if c.Program() == "x" {
			t.Errorf("read deeper than %d scripts", maxDepth)
		}
	}
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func TestParseProblem(t *testing.T) {
	t.Parallel()
	res := Exec([]Word{lit("bash", at(5, 7)), lit("-c", at(5, 12)), lit("echo ok\nif then fi (", at(6, 9))})
	if len(res.Problems) != 1 || res.Problems[0].Loc.Line != 7 || !strings.Contains(res.Problems[0].Msg, "not read") {
		t.Errorf("problems = %+v", res.Problems)
	}
}

func TestSplitCompose(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    string
		dropped int
		err     bool
	}{
		{"words", "spark-submit --master x app.py", "spark-submit@1:1 --master@1:14 x@1:23 app.py@1:25\n", -1, false},
		{"newlines are spaces", "spark-submit\n  --master x\n", "spark-submit@1:1 --master@2:3 x@2:12\n", -1, false},
		{"the rest is dropped at an operator", "spark-submit app.py && echo done", "spark-submit@1:1 app.py@1:14\n", 20, false},
		{"quoted script kept whole", `bash -c "spark-submit a.py && echo done"`, "bash@1:1 -c@1:6 spark-submit a.py && echo done@1:9\n", -1, false},
		{"backslash escapes inside double quotes", `"a\b" 'c\d'`, "ab@1:1 c\\d@1:7\n", -1, false},
		{"fd redirection drops the number", "a 2>&1", "a@1:1\n", 3, false},
		{"command substitution kept, unknown", "a $(b c) d", "a@1:1 $(b c)?@1:3 d@1:10\n", -1, false},
		{"an unset variable compose left", "a ${X} $Y $1", "a@1:1 ${X}?@1:3 $Y?@1:8 $1@1:11\n", -1, false},
		{"empty quotes", `a ""`, "a@1:1 @1:3\n", -1, false},
		{"unterminated quote", `a "b`, "", -1, true},
		{"trailing backslash", `a \`, "", -1, true},
		{"bare parenthesis", `a (b)`, "", -1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, dropped, err := SplitCompose(lit(tt.in, model.Location{File: "f", Line: 1, Column: 1}))
			if (err != nil) != tt.err {
				t.Fatalf("error = %v, want error %v", err, tt.err)
			}
			if dropped != tt.dropped {
				t.Errorf("dropped = %d, want %d", dropped, tt.dropped)
			}
			if r := render([]Command{{Words: got}}); len(got) > 0 && r != tt.want {
				t.Errorf("got %swant %s", r, tt.want)
			}
		})
	}
	_, _, err := SplitCompose(lit(`spark-submit --conf "a=b`, at(7, 14)))
	var ce *ComposeCommandError
	if !errors.As(err, &ce) || ce.Loc != at(7, 34) || !strings.Contains(ce.Error(), "never closed") {
		t.Errorf("error = %v, want a *ComposeCommandError at 7:34", err)
	}
}

func TestMappedWord(t *testing.T) {
	t.Parallel()
	// a word whose bytes are scattered: each keeps its own position
	w := Mapped("ab", func(i int) model.Location { return at(3+i, 5) })
	if w.Loc != at(3, 5) || w.LocAt(1) != at(4, 5) || w.LocAt(2) != at(5, 5) || w.LocAt(9) != at(5, 5) {
		t.Errorf("mapped word: %+v", w)
	}
	res := Exec([]Word{lit("sh", at(1, 1)), lit("-c", at(1, 4)), w})
	if got := render(res.Commands[1:]); got != "ab@3:5\n" {
		t.Errorf("script of a mapped word: %s", got)
	}
}
