//go:build !unix

package lint_test

import "time"

// processCPU is not measured here (BenchmarkManyBrokers reports wall time).
func processCPU() time.Duration { return 0 }
