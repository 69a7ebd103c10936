package pipeline

import (
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/jobscan"
	"github.com/streamlint/streamlint/checker/model"
)

// consumes lists the topics the app reads and what the brokers say of them.
func (s *assembly) consumes(a model.App, d *appDraft) []model.Consumption {
	out := []model.Consumption{}
	if d.job != nil && d.job.Kind == jobscan.KindDStream {
		// DStream: the topics of KafkaUtils.createDirectStream, on the
		// broker kafkaParams' bootstrap.servers names
		broker := s.brokerFor(a.KafkaParams["bootstrap.servers"].Value)
		seen := map[string]bool{}
		for _, ds := range d.job.KafkaDirectStreams {
			for _, topic := range ds.Topics {
				if topic = strings.TrimSpace(topic); topic != "" && !seen[topic] {
					seen[topic] = true
					c := s.consumption(topic, broker)
					c.Source = -1
					out = append(out, c)
				}
			}
		}
	}
	for i, src := range a.Sources {
		if src.Format != "kafka" {
			continue
		}
		sub, ok := src.Options["subscribe"]
		if !ok || sub.Unresolved {
			continue
		}
		broker := s.brokerFor(src.Options["kafka.bootstrap.servers"].Value)
		for _, topic := range strings.Split(sub.Value, ",") {
			topic = strings.TrimSpace(topic)
			if topic == "" {
				continue
			}
			c := s.consumption(topic, broker)
			c.Source = i
			out = append(out, c)
		}
	}
	return out
}

// consumption is what the broker (and a topic created in the project)
// says about a consumed topic.
func (s *assembly) consumption(topic string, broker *model.Broker) model.Consumption {
	c := model.Consumption{Topic: topic}
	if broker != nil {
		c.Broker = broker.Service
		c.Partitions = broker.Config["num.partitions"]
		c.RetentionBytes = broker.Config["log.retention.bytes"]
		c.RetentionMs = retentionMs(broker.Config)
	}
	for _, t := range s.p.Topics {
		if t.Name == topic && t.Partitions > 0 {
			c.Partitions = model.Value{Value: strconv.Itoa(t.Partitions), Source: t.Source, Loc: t.PartitionsLoc.OrNil(), Num: ptr(float64(t.Partitions)), Set: true}
		}
	}
	return c
}

// retentionMs is the effective time retention: ms, else minutes, else hours.
func retentionMs(cfg map[string]model.Value) model.Value {
	for _, k := range []string{"log.retention.ms", "log.retention.minutes", "log.retention.hours"} {
		if v, ok := cfg[k]; ok && v.Ms != nil && (v.Set || v.Source == model.SourceBaseline) {
			return v
		}
	}
	return cfg["log.retention.hours"]
}
