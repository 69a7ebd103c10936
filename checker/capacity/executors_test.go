package capacity

import (
	"strings"
	"testing"

	"github.com/streamlint/streamlint/checker/model"
)

const gib = 1 << 30

func num(v float64) *float64 { return &v }

func setting(value string, n float64) model.SparkValue {
	return model.SparkValue{Value: model.Value{Value: value, Num: num(n), Set: true}}
}

func worker(name string, memBytes float64, cores int, replicas int) model.Worker {
	return model.Worker{
		Service:     name,
		Replicas:    replicas,
		MemoryBytes: model.Value{Value: "m", Num: num(memBytes), Set: true},
		Cores:       model.Value{Value: "c", Num: num(float64(cores)), Set: true},
	}
}

func TestExecutors(t *testing.T) {
	t.Parallel()
	two := []model.Worker{worker("w1", 2.5*gib, 1, 1), worker("w2", 2.5*gib, 1, 1)}
	tests := []struct {
		name      string
		settings  map[string]model.SparkValue
		submit    *model.Submit
		workers   []model.Worker
		cluster   string
		count     int
		slots     int
		perWorker []int
		unified   float64
	}{
		{
			// the incident: one 1g executor per worker (no executor cores)
			name:    "one per worker",
			workers: two, cluster: "standalone", count: 2, slots: 2, perWorker: []int{1, 1},
			unified: 2 * (gib - 300<<20) * 0.6,
		},
		{
			name:     "executor cores split a worker's cores",
			settings: map[string]model.SparkValue{"spark.executor.cores": setting("2", 2), "spark.executor.memory": setting("1g", gib)},
			workers:  []model.Worker{worker("w", 8*gib, 8, 1)},
			cluster:  "standalone", count: 4, slots: 8, perWorker: []int{4},
			unified: 4 * (gib - 300<<20) * 0.6,
		},
		{
			name:     "memory bounds the executors per worker",
			settings: map[string]model.SparkValue{"spark.executor.cores": setting("1", 1), "spark.executor.memory": setting("2g", 2*gib)},
			workers:  []model.Worker{worker("w", 3*gib, 4, 1)},
			cluster:  "standalone", count: 1, slots: 1, perWorker: []int{1},
			unified: (2*gib - 300<<20) * 0.6,
		},
		{
			name:     "cores.max caps the app, spread over workers",
			settings: map[string]model.SparkValue{"spark.executor.cores": setting("1", 1), "spark.cores.max": setting("3", 3)},
			workers:  []model.Worker{worker("a", 4*gib, 2, 1), worker("b", 4*gib, 2, 1)},
			cluster:  "standalone", count: 3, slots: 3, perWorker: []int{2, 1},
			unified: 3 * (gib - 300<<20) * 0.6,
		},
		{
			// spreadOut: spark.cores.max=2 over two 2-core workers gives
			// each worker an executor of 1 core, not one executor of 2
			name:     "cores.max without executor cores spreads one core per worker",
			settings: map[string]model.SparkValue{"spark.executor.memory": setting("1g", gib), "spark.cores.max": setting("2", 2)},
			workers:  []model.Worker{worker("w", 4*gib, 2, 2)},
			cluster:  "standalone", count: 2, slots: 2, perWorker: []int{1}, // per replica
			unified: 2 * (gib - 300<<20) * 0.6,
		},
		{
			// dynamic allocation never asks for more than maxExecutors
			name: "dynamic allocation caps the executors",
			settings: map[string]model.SparkValue{
				"spark.executor.memory": setting("1g", gib), "spark.executor.cores": setting("1", 1),
				"spark.dynamicAllocation.enabled":      {Value: model.Value{Value: "true", Bool: ptr(true), Set: true}},
				"spark.dynamicAllocation.maxExecutors": setting("1", 1),
			},
			workers: []model.Worker{worker("w", 4*gib, 2, 2)},
			cluster: "standalone", count: 1, slots: 1, perWorker: []int{1},
			unified: (gib - 300<<20) * 0.6,
		},
		{
			name:     "local[4] runs in the driver",
			settings: map[string]model.SparkValue{"spark.master": setting("local[4]", 0), "spark.driver.memory": setting("2g", 2*gib)},
			cluster:  "local", count: 1, slots: 4,
			unified: (2*gib - 300<<20) * 0.6,
		},
		{
			// spark-submit starts the driver before the job's builder runs:
			// spark.driver.memory set in code has no effect, --driver-memory
			// (or the 1 GiB default) is the heap
			name: "driver memory in code under spark-submit",
			settings: map[string]model.SparkValue{"spark.master": setting("local[4]", 0), "spark.driver.memory": {
				Value: model.Value{Value: "8g", Source: model.SourceCode, Num: num(8 * gib), Set: true},
				All: []model.Setting{
					{Key: "spark.driver.memory", Value: "8g", Source: model.SourceCode},
					{Key: "spark.driver.memory", Value: "2g", Source: model.SourceSubmit, Var: "--driver-memory"},
				},
			}},
			submit:  &model.Submit{Master: "local[4]"},
			cluster: "local", count: 1, slots: 4,
			unified: (2*gib - 300<<20) * 0.6,
		},
		{
			name: "driver memory in code without spark-submit (python job.py starts the JVM with it)",
			settings: map[string]model.SparkValue{"spark.master": setting("local[4]", 0), "spark.driver.memory": {
				Value: model.Value{Value: "8g", Source: model.SourceCode, Num: num(8 * gib), Set: true},
				All:   []model.Setting{{Key: "spark.driver.memory", Value: "8g", Source: model.SourceCode}},
			}},
			cluster: "local", count: 1, slots: 4,
			unified: (8*gib - 300<<20) * 0.6,
		},
		{
			name:    "yarn is not modelled",
			submit:  &model.Submit{Master: "yarn"},
			workers: two, cluster: "unknown",
		},
		{
			name:    "no master and no workers",
			cluster: "unknown",
		},
		{
			name:     "a heap below the reserve has no unified memory",
			settings: map[string]model.SparkValue{"spark.executor.memory": setting("256m", 256<<20)},
			workers:  two, cluster: "standalone", count: 2, slots: 2, perWorker: []int{1, 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			settings := tt.settings
			if settings == nil {
				settings = map[string]model.SparkValue{}
			}
			ex := Executors(model.App{Settings: settings, Submit: tt.submit}, tt.workers)
			if ex.Cluster != tt.cluster || ex.Count != tt.count || ex.TaskSlots != tt.slots {
				t.Errorf("cluster %s, %d executors, %d slots; want %s, %d, %d (%s / %s)", ex.Cluster, ex.Count, ex.TaskSlots, tt.cluster, tt.count, tt.slots, ex.Explain, ex.SlotsExplain)
			}
			for i, n := range tt.perWorker {
				if i >= len(ex.PerWorker) || ex.PerWorker[i].Executors != n {
					t.Errorf("per worker %+v, want %v", ex.PerWorker, tt.perWorker)
					break
				}
			}
			// each executor's share is truncated to whole bytes, as Spark does
			if d := ex.UnifiedBytes - tt.unified; d > float64(ex.Count) || d < -float64(ex.Count) {
				t.Errorf("unified memory %.0f, want %.0f", ex.UnifiedBytes, tt.unified)
			}
			if ex.ReservedBytes != 300<<20 {
				t.Errorf("reserved %v, want 300 MiB", ex.ReservedBytes)
			}
		})
	}
}

func TestOverhead(t *testing.T) {
	t.Parallel()
	v := overhead(model.App{Settings: map[string]model.SparkValue{}}, 4*gib)
	if *v.Num != 409<<20 || !strings.Contains(v.Value, "max(10% x 4 GiB heap, 384 MiB) = 409 MiB") {
		t.Errorf("overhead of a 4g heap: %s (%v)", v.Value, *v.Num)
	}
	explicit := overhead(model.App{Settings: map[string]model.SparkValue{"spark.executor.memoryOverhead": setting("1g", gib)}}, 4*gib)
	if *explicit.Num != gib || explicit.Var != "spark.executor.memoryOverhead" {
		t.Errorf("explicit overhead: %+v", explicit)
	}
}

func TestBatchSeconds(t *testing.T) {
	t.Parallel()
	params := model.DefaultParams()
	if v := BatchSeconds(model.App{}, params); *v.Num != 5 || v.Source != "param spark.batch_seconds" {
		t.Errorf("default batch: %+v", v)
	}
	app := model.App{StreamingContext: &model.StreamingContext{BatchSeconds: 10}}
	if v := BatchSeconds(app, params); *v.Num != 10 || v.Source != "StreamingContext" {
		t.Errorf("StreamingContext batch: %+v", v)
	}
	app = model.App{Sinks: []model.Stream{{Trigger: &model.Trigger{Value: "30 seconds", Seconds: 30}}}}
	if v := BatchSeconds(app, params); *v.Num != 30 || v.Source != "trigger" {
		t.Errorf("trigger batch: %+v", v)
	}
}

func TestExecutorLimit(t *testing.T) {
	t.Parallel()
	coresMaxLoc := &model.Location{File: "spark-defaults.conf", Line: 4, Column: 17}
	tests := []struct {
		name     string
		settings map[string]model.SparkValue
		workers  []model.Worker
		limit    string
		loc      *model.Location
	}{
		{"executor cores unset", nil, []model.Worker{worker("w", 4*gib, 4, 1)}, "one executor per worker", nil},
		{"cores", map[string]model.SparkValue{"spark.executor.cores": setting("2", 2)}, []model.Worker{worker("w", 8*gib, 4, 1)}, "spark.executor.cores=2", nil},
		{"memory", map[string]model.SparkValue{"spark.executor.cores": setting("1", 1), "spark.executor.memory": setting("2g", 2*gib)}, []model.Worker{worker("w", 3*gib, 4, 1)}, "a worker's memory fits only whole executors of 2 GiB heap", nil},
		{"cores.max", map[string]model.SparkValue{"spark.executor.cores": setting("1", 1), "spark.cores.max": {Value: model.Value{Value: "1", Num: num(1), Set: true, Loc: coresMaxLoc}}}, []model.Worker{worker("w", 8*gib, 4, 1)}, "spark.cores.max=1 (spark-defaults.conf:4) caps the app", coresMaxLoc},
	}
	for _, tt := range tests {
		ex := Executors(model.App{Settings: tt.settings}, tt.workers)
		if !strings.Contains(ex.Limit, tt.limit) || (tt.loc != nil && (ex.LimitLoc == nil || *ex.LimitLoc != *tt.loc)) {
			t.Errorf("%s: limit %q at %v, want %q at %v", tt.name, ex.Limit, ex.LimitLoc, tt.limit, tt.loc)
		}
	}
}

// TestSlotsExplainIdleCores: when executors do not fill a worker, the
// explanation says how many of its cores they use and why.
func TestSlotsExplainIdleCores(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		settings map[string]model.SparkValue
		workers  []model.Worker
		want     string
	}{
		{"cores", map[string]model.SparkValue{"spark.executor.cores": setting("2", 2), "spark.executor.memory": setting("2g", 2*gib)},
			[]model.Worker{worker("spark-worker", 4*gib, 3, 2)},
			"spark-worker 2 core(s) of 3 (1 executor(s) of spark.executor.cores=2) x 2 replicas = 4 core(s) = 4 task slot(s)"},
		{"memory", map[string]model.SparkValue{"spark.executor.cores": setting("1", 1), "spark.executor.memory": setting("2g", 2*gib)},
			[]model.Worker{worker("w", 3*gib, 4, 1)},
			"w 1 core(s) of 4 (1 executor(s) of spark.executor.cores=1; SPARK_WORKER_MEMORY fits no more of spark.executor.memory) = 1 core(s) = 1 task slot(s)"},
		{"all cores used", map[string]model.SparkValue{"spark.executor.cores": setting("2", 2), "spark.executor.memory": setting("1g", gib)},
			[]model.Worker{worker("w", 8*gib, 4, 1)},
			"w 4 core(s) = 4 core(s) = 4 task slot(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ex := Executors(model.App{Settings: tt.settings}, tt.workers)
			if ex.SlotsExplain != tt.want {
				t.Errorf("SlotsExplain\n got %q\nwant %q", ex.SlotsExplain, tt.want)
			}
		})
	}
}
