// Command gencorpus writes a corpus of streaming pipelines for the
// end-to-end benchmark (bench/run.sh); see package corpus.
//
//	go run ./bench/gencorpus -n 1000 -out /tmp/corpus
//	go run ./bench/gencorpus -brokers 5000 -out /tmp/brokers   # one compose file, 5,000 brokers
//	go run ./bench/gencorpus -brokers 5000 -secrets -out /tmp/brokers   # each with passwords of its own
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
	brokers := flag.Int("brokers", 0, "instead: one pipeline with a KRaft cluster of this many brokers")
	secrets := flag.Bool("secrets", false, "with -brokers: brokers carry passwords (SASL JAAS, keystore, key)")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [-n N | -brokers N] -out DIR")
		os.Exit(2)
	}
	var err error
	switch {
	case *brokers > 0 && *secrets:
		err = corpus.BrokersWithSecrets(*out, *brokers)
	case *brokers > 0:
		err = corpus.Brokers(*out, *brokers)
	default:
		err = corpus.Generate(*out, *n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
