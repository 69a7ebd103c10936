// The variable that sets each property on a broker image
// (KAFKA_NUM_PARTITIONS, KAFKA_CFG_NUM_PARTITIONS), for messages and fixes.

package pipeline

import (
	"sync"

	"github.com/streamlint/streamlint/checker/kafka"
	"github.com/streamlint/streamlint/checker/model"
)

// envNames maps every property a rule may name to the variable that sets
// it on the image: the effective keys, what the project sets, and the
// properties findings suggest instead (a typo's suggestion, a topic-level
// name's broker synonym, what an ignored variable was meant to set).
func envNames(img kafka.Image, config map[string]model.Value, props []model.Property, ignored []kafka.Ignored) map[string]string {
	keys := map[string]bool{}
	for _, k := range effectiveKeys {
		keys[k] = true
	}
	for _, k := range nameKeys {
		keys[k] = true
	}
	for k := range config {
		keys[k] = true
	}
	for _, p := range props {
		keys[p.Key] = true
		if p.BrokerName != "" {
			keys[p.BrokerName] = true
		}
		if p.Suggestion != "" {
			keys[p.Suggestion] = true
		}
		if p.Fix != nil && p.Fix.Key != "" {
			keys[p.Fix.Key] = true
		}
	}
	for _, ig := range ignored {
		if ig.WouldBe != "" {
			keys[ig.WouldBe] = true
		}
	}
	out := map[string]string{}
	for k := range keys {
		if name := envNameFor(img, k); name != "" {
			out[k] = name
		}
	}
	return out
}

// envNameFor is kafka.EnvNameForImage, remembered: it translates the
// variable through the image's convention to check it, and every broker of
// an image asks for the same keys.
func envNameFor(img kafka.Image, key string) string {
	k := envNameKey{img, key}
	if v, ok := envNameCache.Load(k); ok {
		return v.(string)
	}
	name := kafka.EnvNameForImage(img, key)
	envNameCache.Store(k, name)
	return name
}

type envNameKey struct {
	img kafka.Image
	key string
}

var envNameCache sync.Map
