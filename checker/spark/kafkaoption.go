package spark

import (
	"fmt"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// CheckKafkaOption says why the Kafka source (or sink) would reject or
// ignore an option, as KafkaSourceProvider validates options (names
// case-insensitively): rejected kafka.* client settings, ending offsets on a
// streaming read, latest/earliest where a batch read refuses them, values
// that toInt/toLong/toBoolean cannot parse, and client settings without the
// kafka. prefix, which never reach the Kafka client.
func (c *Catalog) CheckKafkaOption(o model.Setting, source, streaming bool) string {
	opt, ok := c.KafkaSourceOption(o.Key)
	if !ok {
		if KafkaClientKey(strings.ToLower(o.Key)) {
			client := "consumer"
			if !source {
				client = "producer"
			}
			return fmt.Sprintf("%s is a Kafka client setting: Spark passes only kafka.-prefixed options to the Kafka %s, so this one is ignored; write kafka.%s", o.Key, client, o.Key)
		}
		if other, ok := otherSourcesLimits[strings.ToLower(o.Key)]; ok && source {
			return fmt.Sprintf("%s is not an option of the Kafka source (it bounds the micro-batches of %s): Spark ignores options it does not know without a word, so it bounds nothing here; the Kafka source's limit is maxOffsetsPerTrigger (records per micro-batch)", o.Key, other)
		}
		if meant := c.SuggestKafkaOption(o.Key); meant != "" {
			role := "source"
			if !source {
				role = "sink"
			}
			return fmt.Sprintf("%s is not an option of the Kafka %s: Spark ignores options it does not know without a word, so this one has no effect; did you mean %s?", o.Key, role, meant)
		}
		return ""
	}
	lower := strings.ToLower(o.Key)
	val := strings.ToLower(strings.TrimSpace(o.Value))
	switch {
	case source && opt.RejectedOnSource:
		return fmt.Sprintf("the Kafka source rejects %s (IllegalArgumentException: the query fails to start)%s", o.Key, notes(rejectedNote(opt.Notes)))
	case !source && opt.RejectedOnSink:
		return fmt.Sprintf("the Kafka sink rejects %s (IllegalArgumentException: the query fails to start)%s", o.Key, notes(rejectedNote(opt.Notes)))
	case source && streaming && (lower == "endingoffsets" || lower == "endingoffsetsbytimestamp"):
		return fmt.Sprintf("the Kafka source rejects %s in a streaming query (IllegalArgumentException: ending offset not valid in streaming queries); it is for batch reads (spark.read)", o.Key)
	case source && !streaming && !o.Unresolved && lower == "startingoffsets" && val == "latest":
		return fmt.Sprintf("a batch Kafka read rejects %s=latest (IllegalArgumentException: starting offset can't be latest for batch queries); use earliest or per-partition offsets", o.Key)
	case source && !streaming && !o.Unresolved && lower == "endingoffsets" && val == "earliest":
		return fmt.Sprintf("a batch Kafka read rejects %s=earliest (IllegalArgumentException: ending offset can't be earliest for batch queries); use latest or per-partition offsets", o.Key)
	}
	if o.Unresolved {
		return ""
	}
	if err := CheckOptionValue(opt, o.Value); err != nil {
		return err.Error()
	}
	return ""
}

// otherSourcesLimits are the rate limits of other streaming sources that
// are written on Kafka sources in the belief that they bound its batches
// (by the lower-case name Spark matches options with), with the sources
// that have them. KafkaSourceProvider has neither.
var otherSourcesLimits = map[string]string{
	"maxbytespertrigger": "file-based sources such as Delta",
	"maxfilespertrigger": "the file source and Delta",
}

// rejectedNote is the catalog's note on a rejected option without its
// "REJECTED" marker ("REJECTED: keys are always byte arrays").
func rejectedNote(n string) string {
	n = strings.TrimSpace(strings.TrimPrefix(n, "REJECTED"))
	n = strings.TrimSpace(strings.TrimPrefix(n, "(sink)"))
	n = strings.TrimSpace(strings.TrimPrefix(n, ":"))
	n = strings.TrimSpace(strings.TrimPrefix(n, "IllegalArgumentException"))
	return strings.TrimSpace(strings.TrimPrefix(n, ";"))
}

func notes(n string) string {
	if n == "" {
		return ""
	}
	return ": " + n
}

// KafkaClientKey recognises Kafka client settings (consumer and producer)
// written without the kafka. prefix.
func KafkaClientKey(k string) bool {
	switch k {
	case "bootstrap.servers", "group.id", "auto.offset.reset", "enable.auto.commit", "max.poll.records",
		"max.partition.fetch.bytes", "fetch.max.bytes", "session.timeout.ms", "request.timeout.ms",
		"security.protocol", "sasl.mechanism", "sasl.jaas.config", "metadata.max.age.ms", "key.deserializer", "value.deserializer",
		"max.poll.interval.ms", "fetch.min.bytes", "isolation.level", "client.id",
		"key.serializer", "value.serializer", "acks", "linger.ms", "batch.size", "compression.type":
		return true
	}
	return false
}
