// Package capacity works out what a Spark application gets from the
// cluster it runs on: its executors (how many, their heap and overhead, on
// which workers), its task slots and its micro-batch interval. The
// arithmetic follows Spark's standalone master and memory manager, so that
// the capacity rules (CAP001, SPK008, SPK009, SPK015) judge the numbers
// Spark would use (docs/concepts.md, App).
package capacity

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/spark"
)

// BatchSeconds is the micro-batch interval: StreamingContext for DStream,
// the processingTime trigger for Structured Streaming, else the parameter.
func BatchSeconds(a model.App, params model.Params) model.Value {
	if sc := a.StreamingContext; sc != nil && sc.BatchSeconds > 0 {
		return model.Value{Value: fmt.Sprintf("%g", sc.BatchSeconds), Source: "StreamingContext", Loc: sc.BatchLoc.OrNil(), Num: ptr(sc.BatchSeconds), Set: true}
	}
	for _, sink := range a.Sinks {
		if t := sink.Trigger; t != nil && t.Seconds > 0 {
			return model.Value{Value: t.Value, Source: "trigger", Loc: t.Loc.OrNil(), Num: ptr(t.Seconds), Set: true}
		}
	}
	sec := params.Spark.BatchSeconds
	return model.Value{Value: fmt.Sprintf("%g", sec), Source: "param spark.batch_seconds", Num: ptr(sec)}
}

var localRe = regexp.MustCompile(`^local(\[(\d+|\*)(,\d+)?\])?$`)

// Executors works out what the cluster gives the app: a local[N] master
// runs it in the driver, a standalone master (or none, with workers in the
// project) on the project's workers; other cluster managers are not
// modelled (Cluster "unknown").
func Executors(a model.App, workers []model.Worker) model.Executors {
	ex := model.Executors{Fraction: 0.6, Cluster: "unknown", PerWorker: []model.WorkerExecutors{}}
	if f, ok := a.Settings["spark.memory.fraction"]; ok && f.Num != nil {
		ex.Fraction = *f.Num
	}
	ex.ReservedBytes = float64(spark.ReservedMemory)
	r := readRequest(a)
	switch {
	case localRe.MatchString(r.master):
		local(&ex, a, r)
		ex.UnifiedBytes = unified(ex)
		return ex
	case strings.HasPrefix(r.master, "spark://"):
	case r.master != "" && !strings.HasPrefix(r.master, "$"):
		// yarn, k8s://, mesos://: not the project's standalone workers
		return ex
	case len(workers) == 0:
		return ex
	}
	ex.Cluster = "standalone"
	ex.HeapBytes = r.heap
	ex.Overhead = overhead(a, r.heap)
	standalone(&ex, workers, r)
	slots(workers, &ex, r)
	dynamicAllocationCap(&ex, a, r)
	ex.UnifiedBytes = unified(ex)
	return ex
}

// dynamicAllocationCap bounds the executors by
// spark.dynamicAllocation.maxExecutors when dynamic allocation is on: the
// allocation manager never asks the master for more, however many the
// workers could take (their task slots too, when spark.executor.cores
// says how many cores each has).
func dynamicAllocationCap(ex *model.Executors, a model.App, r request) {
	on, ok := a.Settings["spark.dynamicAllocation.enabled"]
	if !ok || on.Bool == nil || !*on.Bool {
		return
	}
	m, ok := a.Settings["spark.dynamicAllocation.maxExecutors"]
	if !ok || m.Num == nil || *m.Num < 0 || int(*m.Num) >= ex.Count {
		return
	}
	limit := int(*m.Num)
	ex.Count = limit
	for i := range ex.PerWorker {
		ex.PerWorker[i].Executors = min(ex.PerWorker[i].Executors, limit)
	}
	ex.Limit = fmt.Sprintf("dynamic allocation runs at most spark.dynamicAllocation.maxExecutors=%d executor(s) (%s)", limit, placeOf(m.Loc))
	ex.LimitLoc = m.Loc
	ex.Explain = fmt.Sprintf("%d executor(s) of %s heap", limit, model.HumanBytes(r.heap))
	if r.execCores > 0 && limit*r.execCores/r.taskCPUs < ex.TaskSlots {
		ex.TaskSlots = limit * r.execCores / r.taskCPUs
		ex.SlotsLoc = m.Loc
		ex.SlotsExplain = fmt.Sprintf("spark.dynamicAllocation.maxExecutors=%d x spark.executor.cores=%d", limit, r.execCores)
		if r.taskCPUs > 1 {
			ex.SlotsExplain += fmt.Sprintf(" / spark.task.cpus %d", r.taskCPUs)
		}
		ex.SlotsExplain += fmt.Sprintf(" = %d task slot(s)", ex.TaskSlots)
	}
}

// unified is the execution and storage memory of all the executors.
func unified(ex model.Executors) float64 {
	return float64(ex.Count) * float64(spark.UsableMemory(int64(ex.HeapBytes), ex.Fraction))
}

// request is what the app asks of the cluster, read from its settings.
type request struct {
	heap        float64 // spark.executor.memory, 1 GiB by default
	master      string
	masterLoc   *model.Location
	taskCPUs    int // spark.task.cpus, at least 1
	execCores   int // spark.executor.cores, 0 when unset
	coresMax    int // spark.cores.max, -1 when unset
	coresMaxLoc *model.Location
}

func readRequest(a model.App) request {
	r := request{heap: float64(1 << 30), taskCPUs: 1, coresMax: -1}
	if m, ok := a.Settings["spark.executor.memory"]; ok && m.Num != nil {
		r.heap = *m.Num
	}
	if m, ok := a.Settings["spark.master"]; ok {
		r.master, r.masterLoc = strings.TrimSpace(m.Value.Value), m.Loc
	}
	if a.Submit != nil && a.Submit.Master != "" && r.master == "" {
		r.master, r.masterLoc = a.Submit.Master, a.Submit.Loc.OrNil()
	}
	if c, ok := a.Settings["spark.task.cpus"]; ok && c.Num != nil && *c.Num >= 1 {
		r.taskCPUs = int(*c.Num)
	}
	if c, ok := a.Settings["spark.executor.cores"]; ok && c.Num != nil {
		r.execCores = int(*c.Num)
	}
	if c, ok := a.Settings["spark.cores.max"]; ok && c.Num != nil {
		r.coresMax, r.coresMaxLoc = int(*c.Num), c.Loc
	}
	return r
}

// local is a local[N] master: one JVM, the driver, with N task slots.
func local(ex *model.Executors, a model.App, r request) {
	ex.Cluster = "local"
	ex.Count = 1
	heap, ignored := driverHeap(a)
	ex.HeapBytes = heap
	ex.Explain = fmt.Sprintf("%s runs in the driver: one JVM of %s%s", r.master, model.HumanBytes(ex.HeapBytes), ignored)
	switch m := localRe.FindStringSubmatch(r.master); {
	case m[2] == "":
		ex.TaskSlots = 1
	case m[2] != "*":
		ex.TaskSlots, _ = strconv.Atoi(m[2])
	}
	if ex.TaskSlots > 0 {
		ex.SlotsLoc = r.masterLoc
		ex.SlotsExplain = fmt.Sprintf("%s runs %d task(s) at once (spark.master, %s)", r.master, ex.TaskSlots, placeOf(r.masterLoc))
		ex.TaskSlots /= r.taskCPUs
	}
	ex.Overhead = overhead(a, ex.HeapBytes)
}

// driverHeap is the driver's heap: spark.driver.memory, 1 GiB by default,
// except a value the job sets in code when spark-submit starts it: the
// driver JVM runs by then, so the value has no effect (Spark's
// configuration page: "In client mode, this config must not be set
// through the SparkConf directly in your application, because the driver
// JVM has already started at that point"). ignored then says so, for the
// explanation.
func driverHeap(a model.App) (heap float64, ignored string) {
	heap = float64(1 << 30)
	m, ok := a.Settings["spark.driver.memory"]
	if !ok {
		return heap, ""
	}
	if a.Submit == nil || m.Source != model.SourceCode {
		if m.Num != nil {
			heap = *m.Num
		}
		return heap, ""
	}
	ignored = fmt.Sprintf(" (spark.driver.memory=%s set in code at %s has no effect: spark-submit starts the driver's JVM before the job runs)", m.Value.Value, placeOf(m.Loc))
	for _, st := range m.All {
		if st.Source == model.SourceCode || st.Unresolved {
			continue
		}
		if n, err := spark.ParseBytes(st.Value, "MiB"); err == nil {
			return float64(n), ignored
		}
	}
	return heap, ignored
}

// standalone counts the executors the standalone master can start on the
// workers whose memory and cores are known: one per worker, or
// floor(cores / spark.executor.cores) when that is set, each needing the
// executor heap of the worker's memory, within spark.cores.max. It says
// which of these bounds the count.
func standalone(ex *model.Executors, workers []model.Worker, r request) {
	usedCores := 0
	var parts []string
	capped, byMemory, byCores := false, false, false
	var memLoc, coresLoc *model.Location
	for _, w := range workers {
		if w.MemoryBytes.Num == nil || w.Cores.Num == nil {
			continue
		}
		mem, cores := *w.MemoryBytes.Num, int(*w.Cores.Num)
		for range max(w.Replicas, 1) {
			n, perExec := 0, cores
			if r.execCores > 0 {
				perExec = r.execCores
				n = cores / r.execCores
			} else if cores > 0 {
				n = 1
			}
			if r.heap > 0 && int(mem/r.heap) < n {
				n = int(mem / r.heap)
				byMemory = true
				memLoc = cmp.Or(memLoc, w.MemoryBytes.Loc)
			} else if r.execCores > 0 {
				byCores = true
				coresLoc = cmp.Or(coresLoc, w.Cores.Loc)
			}
			// Without spark.executor.cores an executor needs only one of
			// the app's cores to start: the master (spark.deploy.spreadOut,
			// true by default) hands spark.cores.max out one core at a time
			// to each worker in turn, so every worker that fits gets an
			// executor before any gets a second core.
			need := perExec
			if r.execCores == 0 {
				need = 1
			}
			for range n {
				if r.coresMax >= 0 && usedCores+need > r.coresMax {
					capped = true
					break
				}
				usedCores += need
				ex.Count++
			}
		}
		ex.Workers = append(ex.Workers, w.Service)
		parts = append(parts, fmt.Sprintf("%s (%s, %d cores)", w.Service, model.HumanBytes(mem), cores))
	}
	if len(parts) == 0 {
		return
	}
	ex.Explain = fmt.Sprintf("%d executor(s) of %s heap on %s", ex.Count, model.HumanBytes(r.heap), strings.Join(parts, ", "))
	switch {
	case capped:
		ex.Limit = fmt.Sprintf("spark.cores.max=%d (%s) caps the app at %d core(s)", r.coresMax, placeOf(r.coresMaxLoc), r.coresMax)
		ex.LimitLoc = r.coresMaxLoc
	case byMemory:
		ex.Limit = fmt.Sprintf("a worker's memory fits only whole executors of %s heap (SPARK_WORKER_MEMORY, spark.executor.memory)", model.HumanBytes(r.heap))
		ex.LimitLoc = memLoc
	case byCores:
		ex.Limit = fmt.Sprintf("each worker runs its cores / spark.executor.cores=%d executors (SPARK_WORKER_CORES)", r.execCores)
		ex.LimitLoc = coresLoc
	case r.coresMax >= 0:
		ex.Limit = fmt.Sprintf("one executor per worker: spark.executor.cores is unset, and the master hands spark.cores.max=%d out one core at a time to each worker in turn", r.coresMax)
	default:
		ex.Limit = "one executor per worker: spark.executor.cores is unset, so each executor takes all of its worker's cores"
	}
}

// placeOf formats an optional location for messages.
func placeOf(l *model.Location) string {
	if l == nil {
		return "the default"
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

// overhead is the memory an executor JVM needs beyond its heap:
// spark.executor.memoryOverhead, else max(factor x heap, minimum).
func overhead(a model.App, heap float64) model.Value {
	if o, ok := a.Settings["spark.executor.memoryOverhead"]; ok && o.Num != nil {
		return model.Value{Value: o.Value.Value, Source: o.Source, Loc: o.Loc, Var: "spark.executor.memoryOverhead", Num: ptr(*o.Num), Set: true}
	}
	factor, factorText := spark.DefaultOverheadFactor, "10%"
	if f, ok := a.Settings["spark.executor.memoryOverheadFactor"]; ok && f.Num != nil {
		factor, factorText = *f.Num, fmt.Sprintf("spark.executor.memoryOverheadFactor %g", *f.Num)
	}
	minimum := spark.DefaultMinOverhead
	if m, ok := a.Settings["spark.executor.minMemoryOverhead"]; ok && m.Num != nil {
		minimum = int64(*m.Num)
	}
	n := spark.OverheadBytes(int64(heap), factor, minimum)
	return model.Value{
		Value:  fmt.Sprintf("max(%s x %s heap, %s) = %s", factorText, model.HumanBytes(heap), model.HumanBytes(float64(minimum)), model.HumanBytes(float64(n))),
		Source: model.SourceDefault, Num: ptr(float64(n)),
	}
}

// share is what one worker service offers the app.
type share struct {
	worker   string
	perRep   int // executors per replica
	replicas int
	cores    int  // cores used per replica
	known    bool // SPARK_WORKER_CORES is set
	loc      *model.Location
	// why explains cores when the worker has more than the app can use
	// (" of 3 (1 executor(s) of spark.executor.cores=2)"), "" otherwise.
	why string
}

// shareOf is the executors and cores a worker offers the app. A worker
// whose SPARK_WORKER_MEMORY is unset is assumed to fit an executor (its
// real memory is the machine's).
func shareOf(w model.Worker, r request) share {
	sh := share{worker: w.Service, replicas: max(w.Replicas, 1), known: w.Cores.Set && w.Cores.Num != nil, loc: w.Cores.Loc}
	cores := 1
	if sh.known {
		cores = int(*w.Cores.Num)
	}
	fitsMem := !w.MemoryBytes.Set || w.MemoryBytes.Num == nil || *w.MemoryBytes.Num >= r.heap
	switch {
	case !fitsMem:
	case r.execCores > 0 && sh.known:
		sh.perRep = cores / r.execCores
		byMemory := false
		if w.MemoryBytes.Set && w.MemoryBytes.Num != nil && r.heap > 0 {
			if fit := int(*w.MemoryBytes.Num / r.heap); fit < sh.perRep {
				sh.perRep, byMemory = fit, true
			}
		}
		sh.cores = sh.perRep * r.execCores
		if sh.cores < cores {
			sh.why = fmt.Sprintf(" of %d (%d executor(s) of spark.executor.cores=%d", cores, sh.perRep, r.execCores)
			if byMemory {
				sh.why += "; SPARK_WORKER_MEMORY fits no more of spark.executor.memory"
			}
			sh.why += ")"
		}
	case r.execCores > 0:
		sh.perRep = 1 // at least one, if it has the cores
		sh.cores = r.execCores
	default:
		sh.perRep = 1
		sh.cores = cores
	}
	return sh
}

// slots works out the app's task slots and executors per worker on a
// standalone cluster. A worker whose SPARK_WORKER_CORES is unset makes the
// total unknown unless spark.cores.max bounds it.
func slots(workers []model.Worker, ex *model.Executors, r request) {
	var shares []share
	total, known := 0, true
	var terms []string
	var firstCoresLoc *model.Location
	for _, w := range workers {
		sh := shareOf(w, r)
		if sh.perRep > 0 {
			known = known && sh.known
			if firstCoresLoc == nil {
				firstCoresLoc = sh.loc
			}
			total += sh.cores * sh.replicas
			terms = append(terms, fmt.Sprintf("%s %d core(s)%s%s", w.Service, sh.cores, sh.why, replicasText(sh.replicas)))
		}
		shares = append(shares, sh)
	}
	for i, n := range spread(shares, r) {
		ex.PerWorker = append(ex.PerWorker, model.WorkerExecutors{Worker: shares[i].worker, Executors: n})
	}
	switch {
	case r.coresMax >= 0 && (!known || r.coresMax < total):
		ex.TaskSlots = r.coresMax / r.taskCPUs
		ex.SlotsLoc = r.coresMaxLoc
		ex.SlotsExplain = fmt.Sprintf("spark.cores.max=%d (%s) caps the app at %d core(s)", r.coresMax, placeOf(r.coresMaxLoc), r.coresMax)
		if !known {
			ex.SlotsExplain += " at most"
		}
	case known && total > 0:
		ex.TaskSlots = total / r.taskCPUs
		ex.SlotsLoc = firstCoresLoc
		ex.SlotsExplain = fmt.Sprintf("%s = %d core(s)", strings.Join(terms, " + "), total)
	default:
		return
	}
	if r.taskCPUs > 1 {
		ex.SlotsExplain += fmt.Sprintf(" / spark.task.cpus %d", r.taskCPUs)
	}
	ex.SlotsExplain += fmt.Sprintf(" = %d task slot(s)", ex.TaskSlots)
}

// spread places executors on the workers one at a time, as the standalone
// master does (spark.deploy.spreadOut), within spark.cores.max; it returns
// the executors per worker, parallel to shares.
func spread(shares []share, r request) []int {
	counts := make([]int, len(shares))
	capExec := -1
	if r.coresMax >= 0 && r.execCores > 0 {
		capExec = r.coresMax / r.execCores
	}
	if capExec < 0 {
		for i, sh := range shares {
			counts[i] = sh.perRep
		}
		return counts
	}
	for placed, progress := 0, true; placed < capExec && progress; {
		progress = false
		for i, sh := range shares {
			if counts[i] < sh.perRep && placed < capExec {
				counts[i]++
				placed++
				progress = true
			}
		}
	}
	return counts
}

func replicasText(n int) string {
	if n > 1 {
		return fmt.Sprintf(" x %d replicas", n)
	}
	return ""
}

func ptr[T any](v T) *T { return &v }
