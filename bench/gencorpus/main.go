// Command gencorpus writes a corpus of streaming pipelines for the
// end-to-end benchmark (bench/run.sh); see package corpus.
//
//	go run ./bench/gencorpus -n 1000 -out /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/streamlint/streamlint/bench/corpus"
)

func main() {
	n := flag.Int("n", 100, "number of pipelines")
	out := flag.String("out", "", "directory to write (created; must be empty or absent)")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -out DIR")
		os.Exit(2)
	}
	if err := corpus.Generate(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
