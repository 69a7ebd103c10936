package pipeline

import (
	"fmt"
	"strconv"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/spark"
	"github.com/streamlint/streamlint/internal/javanum"
)

// submitService is a compose service that runs spark-submit.
type submitService struct {
	svc    *compose.Service
	submit spark.Submit
}

func (s *assembly) buildWorkers() {
	if s.project == nil {
		return
	}
	for _, svc := range s.project.Services {
		switch s.sparkRole(svc) {
		case "spark-worker":
			w := model.Worker{Service: svc.Name, Loc: svc.Loc, Replicas: svc.Replicas}
			if svc.MemLimit > 0 {
				w.MemLimit = &model.Value{Value: strconv.FormatInt(svc.MemLimit, 10), Source: model.SourceEnv, Loc: svc.MemLimitLoc.OrNil(), Num: ptr(float64(svc.MemLimit)), Set: true}
			}
			// standalone defaults: all cores, total memory minus 1 GiB (at least 1 GiB); unknown here
			w.MemoryBytes = model.Value{Source: model.SourceDefault, Value: "1g"}
			w.MemoryBytes.Num = ptr(float64(1 << 30))
			w.Cores = model.Value{Source: model.SourceDefault, Value: "1"}
			w.Cores.Num = ptr(1.0)
			for _, e := range svc.Environment {
				switch e.Name {
				case "SPARK_WORKER_MEMORY":
					w.MemoryBytes = model.Value{Value: e.Value, Source: model.SourceEnv, Loc: e.Loc.OrNil(), Var: e.Name, Set: true, Unresolved: e.Unresolved}
					if n, problem, ok := spark.WorkerMemory(e.Value); ok {
						w.MemoryBytes.Num = ptr(float64(n))
						w.MemoryBytes.Invalid = problem
					} else if !e.Unresolved {
						w.MemoryBytes.Invalid = problem
					}
				case "SPARK_WORKER_CORES":
					w.Cores = model.Value{Value: e.Value, Source: model.SourceEnv, Loc: e.Loc.OrNil(), Var: e.Name, Set: true, Unresolved: e.Unresolved}
					// WorkerArguments: SPARK_WORKER_CORES.toInt, not trimmed
					if n, err := javanum.ParseInt(e.Value, 32); err == nil && n > 0 {
						w.Cores.Num = ptr(float64(n))
					} else if !e.Unresolved {
						w.Cores.Invalid = fmt.Sprintf("%q is not a positive whole number of cores: the worker refuses to start (SPARK_WORKER_CORES is read as an integer)", e.Value)
					}
				}
			}
			if unknown, ok := unseenSettings(svc); ok {
				// SPARK_WORKER_MEMORY or _CORES may be set where they
				// cannot be seen
				if !w.MemoryBytes.Set {
					w.MemoryBytes = unknown
				}
				if !w.Cores.Set {
					w.Cores = unknown
				}
			}
			s.p.Workers = append(s.p.Workers, w)
		case "spark-submit":
			for _, sub := range s.findSubmits(svc) {
				s.submits = append(s.submits, submitService{svc: svc, submit: sub})
			}
		}
	}
}
