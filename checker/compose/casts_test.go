package compose

import (
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/tree"
	"github.com/compose-spec/compose-go/v2/types"
)

func TestCastsFor(t *testing.T) {
	all := loader.ToOptions(&types.ConfigDetails{}, nil).Interpolate.TypeCastMapping
	file := []string{"services:", "  kafka:", "    image: apache/kafka", "    deploy:", "      replicas: ${N}", "    cpus: 2"}
	got := castsFor(all, [][]string{file})
	for _, want := range []tree.Path{"services.*.deploy.replicas", "services.*.cpus"} {
		if got[want] == nil {
			t.Errorf("no cast for %s", want)
		}
	}
	if got["services.*.pids_limit"] != nil || got["networks.*.external"] != nil {
		t.Errorf("casts for keys the file does not write: %v", got)
	}
	for _, line := range []string{"include:", "    extends: base", `    command: "a\\u0020b"`} {
		if n := len(castsFor(all, [][]string{file, {line}})); n != len(all) {
			t.Errorf("with %q: %d casts, want all %d", line, n, len(all))
		}
	}
}
