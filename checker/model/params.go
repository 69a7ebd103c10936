package model

import (
	"fmt"
	"math"
)

// Params are the tunable numbers of the rules (docs/concepts.md, Parameters).
type Params struct {
	Capacity CapacityParams `json:"capacity"`
	Kafka    KafkaParams    `json:"kafka"`
	Spark    SparkParams    `json:"spark"`
	Live     LiveParams     `json:"live"`
}

// CapacityParams: capacity.*.
type CapacityParams struct {
	AvgRecordBytes      int64   `json:"avg_record_bytes"`
	BatchMemoryFraction float64 `json:"batch_memory_fraction"`
	ProduceRate         float64 `json:"produce_rate"` // records/s; 0 = unknown
}

// KafkaParams: kafka.*.
type KafkaParams struct {
	MinPartitions int `json:"min_partitions"`
}

// SparkParams: spark.*.
type SparkParams struct {
	BatchSeconds float64 `json:"batch_seconds"`
}

// DefaultParams are the documented defaults (docs/concepts.md, Parameters).
func DefaultParams() Params {
	return Params{
		Capacity: CapacityParams{AvgRecordBytes: 2048, BatchMemoryFraction: 0.5},
		Kafka:    KafkaParams{MinPartitions: 3},
		Spark:    SparkParams{BatchSeconds: 5},
		Live:     DefaultLiveParams(),
	}
}

// Set sets the parameter key (the configuration file's params, --param) to n,
// checking its range.
func (p *Params) Set(key string, n float64) error {
	if n < 0 || math.IsNaN(n) || math.IsInf(n, 0) {
		return fmt.Errorf("%s: %v is not a non-negative number", key, n)
	}
	if ok, err := p.setLive(key, n); ok {
		return err
	}
	switch key {
	case "capacity.avg_record_bytes":
		if n < 1 {
			return fmt.Errorf("capacity.avg_record_bytes must be at least 1, got %v", n)
		}
		p.Capacity.AvgRecordBytes = int64(n)
	case "capacity.batch_memory_fraction":
		if n == 0 || n > 1 {
			return fmt.Errorf("capacity.batch_memory_fraction must be in (0, 1], got %v", n)
		}
		p.Capacity.BatchMemoryFraction = n
	case "capacity.produce_rate":
		p.Capacity.ProduceRate = n
	case "spark.batch_seconds":
		if n == 0 {
			return fmt.Errorf("spark.batch_seconds must be positive")
		}
		p.Spark.BatchSeconds = n
	case "kafka.min_partitions":
		p.Kafka.MinPartitions = int(n)
	default:
		return fmt.Errorf("unknown parameter %q (want %s)", key, ParamNames)
	}
	return nil
}
