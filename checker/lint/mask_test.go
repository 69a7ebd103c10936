package lint

import (
	"strings"
	"testing"
)

func TestElideLongWords(t *testing.T) {
	long := strings.Repeat("x", maxWord+1)
	tests := []struct{ name, in, want string }{
		{"short message unchanged", "num.partitions=1 (the default)", "num.partitions=1 (the default)"},
		{"a word of maxWord bytes stays", "v=" + strings.Repeat("y", maxWord-2) + " end", "v=" + strings.Repeat("y", maxWord-2) + " end"},
		{"a long value goes whole, its key stays", "app: spark.executor.memory=" + long + " (spark-defaults)",
			"app: spark.executor.memory=<513 bytes not shown> (spark-defaults)"},
		{"a long quoted word", `invalid value "` + long + `" not a size`, `invalid value <515 bytes not shown> not a size`},
		{"several", long + "\n" + long, "<513 bytes not shown>\n<513 bytes not shown>"},
		{"a separator late in the word is not a key", strings.Repeat("z", 200) + "=" + long, "<714 bytes not shown>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := elideLongWords(tt.in); got != tt.want {
				t.Errorf("elideLongWords:\n got %.200q\nwant %.200q", got, tt.want)
			}
		})
	}
}
