#!/usr/bin/env bash
# Integration test with the real pre-commit: a throw-away repository with a
# bad compose file must fail the hook with the finding, then pass once fixed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v pre-commit >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
	else
		echo "pre-commit is not installed" >&2; exit 1
	fi
fi
pre-commit --version

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
cd "$work"
mkdir repo && cd repo
git init -q
git config user.email ci@example.com
git config user.name ci
cat > docker-compose.yml <<'YAML'
services:
  kafka:
    image: confluentinc/cp-kafka:7.5.0
    environment:
      KAFKA_BROKER_ID: 1
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092
      KAFKA_MAX_MESSAGE_BYTES: 16777216
YAML
git add docker-compose.yml

echo "== the hook must fail on the bad file"
if pre-commit try-repo "$here" streamlint --files docker-compose.yml > out.txt 2>&1; then
	cat out.txt; echo "FAIL: the hook passed on a bad compose file"; exit 1
fi
cat out.txt
grep -q "KAF009" out.txt || { echo "FAIL: KAF009 not reported"; exit 1; }

echo "== the hook must pass once the file is fixed"
cat > docker-compose.yml <<'YAML'
x-kafka-env: &kafka-env
  KAFKA_PROCESS_ROLES: broker,controller
  KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093
  KAFKA_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093
  KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER
  KAFKA_INTER_BROKER_LISTENER_NAME: PLAINTEXT
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
  KAFKA_NUM_PARTITIONS: 3
  KAFKA_DEFAULT_REPLICATION_FACTOR: 3
  KAFKA_MIN_INSYNC_REPLICAS: 2
  KAFKA_LOG_RETENTION_HOURS: 24
  KAFKA_LOG_RETENTION_BYTES: 1073741824
  KAFKA_LOG_SEGMENT_BYTES: 104857600
  KAFKA_MESSAGE_MAX_BYTES: 16777216
  KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false"
  CLUSTER_ID: MkU3OEVBNTcwNTJENDM2Qk
services:
  kafka-1:
    image: confluentinc/cp-kafka:7.7.1
    volumes: ["kafka-1:/var/lib/kafka/data"]
    environment:
      <<: *kafka-env
      KAFKA_NODE_ID: 1
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-1:9092
  kafka-2:
    image: confluentinc/cp-kafka:7.7.1
    volumes: ["kafka-2:/var/lib/kafka/data"]
    environment:
      <<: *kafka-env
      KAFKA_NODE_ID: 2
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-2:9092
  kafka-3:
    image: confluentinc/cp-kafka:7.7.1
    volumes: ["kafka-3:/var/lib/kafka/data"]
    environment:
      <<: *kafka-env
      KAFKA_NODE_ID: 3
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-3:9092
volumes:
  kafka-1:
  kafka-2:
  kafka-3:
YAML
git add docker-compose.yml
pre-commit try-repo "$here" streamlint --files docker-compose.yml > out.txt 2>&1 || { cat out.txt; echo "FAIL: the hook failed on the fixed file"; exit 1; }
cat out.txt
echo "pre-commit integration: ok"
