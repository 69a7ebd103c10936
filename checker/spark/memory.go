package spark

import "math"

// The memory model of UnifiedMemoryManager and ResourceProfile: what an
// executor's heap leaves for execution and storage, and its overhead.

// Memory model constants of UnifiedMemoryManager and ResourceProfile (Spark 4.1.1).
const (
	// ReservedMemory is RESERVED_SYSTEM_MEMORY_BYTES: heap Spark keeps for itself.
	ReservedMemory = 300 * MiB
	// MinHeap is the smallest executor or driver heap Spark starts with
	// (1.5 × ReservedMemory); below it SparkContext fails with
	// INVALID_EXECUTOR_MEMORY / INVALID_DRIVER_MEMORY.
	MinHeap = ReservedMemory * 3 / 2
	// DefaultMemoryFraction is the default of spark.memory.fraction.
	DefaultMemoryFraction = 0.6
	// DefaultOverheadFactor is the default of spark.executor.memoryOverheadFactor.
	DefaultOverheadFactor = 0.10
	// DefaultMinOverhead is the default of spark.executor.minMemoryOverhead.
	DefaultMinOverhead = 384 * MiB
)

// UsableMemory is the unified (execution + storage) memory
// UnifiedMemoryManager gives a JVM with the given heap:
// (heap - 300 MiB) × fraction. It is 0 when the heap is not above the
// reserved 300 MiB. A fraction outside (0, 1] means the default 0.6.
func UsableMemory(heap int64, fraction float64) int64 {
	if fraction <= 0 || fraction > 1 || math.IsNaN(fraction) {
		fraction = DefaultMemoryFraction
	}
	usable := heap - ReservedMemory
	if usable <= 0 {
		return 0
	}
	return int64(float64(usable) * fraction)
}

// OverheadBytes is calculateOverHeadMemory with a given
// spark.executor.memoryOverheadFactor and spark.executor.minMemoryOverhead:
// max(factor × heap MiB (truncated), minimum MiB), returned in bytes.
func OverheadBytes(executorMemory int64, factor float64, minOverhead int64) int64 {
	heapMiB := executorMemory / MiB
	byFactor := int64(factor * float64(heapMiB))
	minMiB := minOverhead / MiB
	return max(byFactor, minMiB) * MiB
}
