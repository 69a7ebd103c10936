// Command devcluster serves a seed file (checker/live/livetest: brokers,
// topics with records, consumer groups with committed offsets) as an
// in-process Kafka cluster that speaks the real protocol, so that
// `streamlint check --bootstrap-server` can be tried without a Kafka:
//
//	go run ./internal/devcluster fixtures/live/incident/cluster.yaml
//	streamlint check --bootstrap-server 127.0.0.1:PORT   # in another shell
//
// It prints the bootstrap addresses and serves until interrupted. It is a
// development tool: the streamlint binary never links it.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/streamlint/streamlint/checker/live/livetest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: devcluster SEED.yaml (a cluster seed such as fixtures/live/incident/cluster.yaml)")
		os.Exit(2)
	}
	if err := serve(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "devcluster:", err)
		os.Exit(1)
	}
}

func serve(path string) error {
	seed, err := livetest.Load(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	cluster, err := seed.Start(nil)
	if err != nil {
		return fmt.Errorf("start the cluster of %s: %w", path, err)
	}
	defer cluster.Close()
	fmt.Printf("serving %s: --bootstrap-server %s (Ctrl-C stops)\n", path, strings.Join(cluster.ListenAddrs(), ","))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}
