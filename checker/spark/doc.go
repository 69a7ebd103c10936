// Package spark reads Spark configuration the way Spark 4.1.1 reads it and
// knows what Spark's keys mean.
//
//   - ParseProperties loads spark-defaults.conf and --properties-file files
//     (java.util.Properties syntax, values trimmed as Spark trims them) with
//     the position of every value, duplicates and comments included.
//   - FindSubmits finds spark-submit among the commands a service runs
//     (checker/shell reads them from command: and entrypoint:, also inside
//     sh -c scripts), and ParseSubmitArgs turns their options into settings
//     (--conf and the flags that stand for keys, such as --executor-memory).
//   - ParseBytes, ParseDurationMS, ParseIntervalSeconds, WorkerMemoryBytes
//     and CheckValue apply Spark's own parsers for sizes, durations, trigger
//     intervals and typed values; UsableMemory and MemoryOverheadBytes are
//     the memory model of the capacity rules.
//   - LoadCatalog returns the embedded catalog of Spark keys and Kafka
//     source options (Lookup, IsDynamic, Suggest, KafkaSourceOption).
//
// Everything here is deterministic, reads no environment and no files other
// than the bytes it is given, and never panics on bad input.
package spark
