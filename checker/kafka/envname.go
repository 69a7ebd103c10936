package kafka

import "strings"

// EnvNameForImage returns the environment variable that sets broker
// property property on image img ("num.partitions" ->
// "KAFKA_NUM_PARTITIONS" on Confluent and Apache images,
// "KAFKA_CFG_NUM_PARTITIONS" on bitnami), for remediation messages. It
// returns "" when the image's convention cannot express the property: a
// name with "_" or "-" on bitnami, wurstmeister and debezium; camelCase names
// other than zookeeper.clientCnxnSocket (cp-kafka 5.5–7.9 and bitnami);
// log.dirs on debezium (derived from KAFKA_DATA); apache/kafka up to 3.9
// and keys containing "kafka."; any property on ubuntu, redpanda or an
// unknown family.
//
// The answer is checked by translating it back, so a non-empty result
// always round-trips through Translate.
func EnvNameForImage(img Image, property string) string {
	if property == "" {
		return ""
	}
	var name string
	switch img.Family {
	case FamilyConfluent, FamilyConfluentLocal, FamilyApache:
		if property == "zookeeper.clientCnxnSocket" {
			name = "KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET"
			break
		}
		name = "KAFKA_" + strings.ToUpper(strings.NewReplacer("_", "__", "-", "___", ".", "_").Replace(property))
	case FamilyBitnami:
		if property == "zookeeper.clientCnxnSocket" {
			name = "KAFKA_CFG_ZOOKEEPER_CLIENTCNXNSOCKET"
			break
		}
		name = "KAFKA_CFG_" + strings.ToUpper(strings.ReplaceAll(property, ".", "_"))
	case FamilyDebezium:
		if property == "node.id" || property == "broker.id" {
			name = "NODE_ID"
			break
		}
		name = "KAFKA_" + strings.ToUpper(strings.ReplaceAll(property, ".", "_"))
	case FamilyWurstmeister:
		name = "KAFKA_" + strings.ToUpper(strings.ReplaceAll(property, ".", "_"))
	default:
		return ""
	}
	tr := Translate(img, []EnvVar{{Name: name, Value: "1"}})
	if len(tr.Ignored) > 0 || len(tr.Rejected) > 0 {
		return ""
	}
	if _, ok := tr.Property(property); !ok {
		return ""
	}
	return name
}
