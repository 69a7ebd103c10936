package jobscan

import (
	"testing"

	"github.com/streamlint/streamlint/internal/fuzzseed"
)

// FuzzScan checks that Scan never panics and that every location it
// reports is inside the file.
func FuzzScan(f *testing.F) {
	for _, tc := range allCases() {
		f.Add([]byte(tc.src), tc.lang == Scala)
	}
	f.Add([]byte("f'{x:{y}}' rb'''\\''' '''"), false)
	f.Add([]byte("'\\u0041' 'a 's\"\"\"$x\"\"\"\" `q` /* /* */"), true)
	for _, s := range fuzzseed.Files(".py") {
		f.Add(s, false)
	}
	for _, s := range fuzzseed.Files(".scala") {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src []byte, scala bool) {
		fuzzseed.Count()
		lang := Python
		if scala {
			lang = Scala
		}
		checkLocs(t, "fuzz/job", src, lang)
	})
}
