// Command genpolicies writes policies/precompiled.gen: the built-in
// policies compiled with every check and printed back to Rego, which a
// run loads instead of compiling the sources (see engine.Precompile).
// Run it after changing a policy: go generate ./policies.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/streamlint/streamlint/checker/engine"
	"github.com/streamlint/streamlint/policies"
)

func main() {
	out := flag.String("out", "precompiled.gen", "file to write")
	flag.Parse()
	mods, err := engine.ReadModules(policies.FS, "policies")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	set, err := engine.Precompile(mods)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, set, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
