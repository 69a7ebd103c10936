# METADATA
# title: Secret written literally in a checked file
# description: |
#   A credential is written in the repository instead of coming from
#   ${VAR} (interpolated from an untracked .env or the CI's secrets; a bare
#   KEY: or - KEY entry passes on the variable KEY the same way), an
#   env_file that is not committed, or docker secrets: a password, a
#   sasl.jaas.config or JAAS file holding a credential (password=,
#   user_<name>=, a client secret, a token), a keystore, truststore or key
#   password, a token, an API, account or private key, basic-auth user info
#   (user:password), the userinfo of a URL (SASL_SSL://admin:pw@kafka:9092,
#   user:pw@zk:2181) or a password= parameter (jdbc:...?password=), a
#   -D...Password= JVM option. Anyone with read access to the repository,
#   its forks and its CI logs has it.
#
#   Where: every service of a compose project that holds a Kafka or Spark
#   service (a CDC database in a Debezium stack is part of the pipeline; a
#   compose project with no Kafka or Spark is not checked, nor is one whose
#   only Kafka-looking services are a ZooKeeper or Debezium's example
#   databases), in their
#   environment, the words of their commands and of the scripts those run
#   (curl http://admin:pw@registry:8081) and the ENV of the Dockerfiles
#   they are built from (baked into the image), Spark and Kafka
#   configuration files (spark-defaults.conf, broker and client .properties,
#   JAAS files, also those a service names with
#   -Djava.security.auth.login.config=), and jobs.
#
#   Judged by value as well as by name: a number (except under a
#   password's name), a duration, a boolean, a regular expression, a path, a
#   ${VAR} or template reference and a reference to a secret store
#   (vault:, urn:...secret..., arn:aws:secretsmanager:, ...) are not
#   secrets; a JAAS configuration without a credential (ScramLoginModule
#   required;) is not one; a listener's name (KAFKA_LISTENER_NAME_TOKEN_...)
#   is not part of the setting's name. Placeholders that ask to be replaced
#   or say they are not real (<password>, changeme, replace-me, your-password,
#   xxx, ***, dummy, fake, test as LocalStack takes it, the AWS
#   documentation's ...EXAMPLE keys) are not reported: they are not a
#   credential. A connection string is judged by its keys, as a URL by its
#   userinfo: Event Hubs' template (password="Endpoint=sb://...;
#   SharedAccessKey=XXXXXX") holds a placeholder. A real but weak value (admin-secret, changeit, minio123, the
#   service's name) is reported: it is what the service runs with.
#
#   One finding per service (or file) and value: the same value written
#   again under another key of the service is a related location of the
#   first; a value shared by several services (a YAML anchor, an extends
#   base) is reported once, where it is written, with each service as a
#   related location, as is a file with each service that mounts it, from
#   however many compose projects. streamlint never
#   prints the value: the model only records that it is there and how it is
#   written.
# related_resources:
#   - ref: https://docs.docker.com/compose/how-tos/use-secrets/
#     description: Docker Compose, how to use secrets
#   - ref: https://kafka.apache.org/documentation/#security_sasl_jaasconfig
#     description: Kafka, JAAS configuration for brokers
#   - ref: https://kafka.apache.org/documentation/#config_providers
#     description: Kafka, configuration providers (secrets from files, the environment, a vault)
# custom:
#   id: SEC001
#   severity: warning
#   remediation: |
#     Move the value out of the file: `KAFKA_SSL_KEYSTORE_PASSWORD: ${KEYSTORE_PASSWORD}`
#     with the variable in an untracked .env or the CI's secret store, an
#     env_file that is not committed, or a docker secret; in a properties or
#     JAAS file, a config provider reference (`${file:/run/secrets/kafka.properties:password}`).
#     Then rotate it: it is in the repository's history.
package streamlint.rules.SEC001

import data.streamlint.lib

# _written is every place a secret is written literally, with who uses it:
# {loc, name, part, rank (0 for a service's variable, the name to show),
# kind (service, app, file), owner, owner_loc, services (that mount a
# file), value_id (equal for equal secrets)}.
_written contains w if {
	_streaming_project
	some svc in input.services
	some s in svc.secrets
	s.secret == "literal"
	w := {"loc": lib.loc_or(s, svc.loc), "name": s.name, "part": object.get(s, "part", ""), "rank": 0, "kind": "service", "owner": svc.name, "owner_loc": svc.loc, "value_id": object.get(s, "value_id", 0)}
}

_written contains w if {
	some b in input.brokers
	some p in b.properties
	p.secret == "literal"
	w := {"loc": p.loc, "name": p.key, "part": "", "rank": 1, "kind": "service", "owner": b.service, "owner_loc": b.loc}
}

_written contains w if {
	some app in input.apps
	some k, v in app.settings
	some s in v.all
	s.secret == "literal"
	w := {"loc": s.loc, "name": k, "part": "", "rank": 1, "kind": "app", "owner": app.id, "owner_loc": app.loc}
}

_written contains w if {
	some app in input.apps
	some src in array.concat(app.sources, app.sinks)
	some k, v in src.options
	v.secret == "literal"
	w := {"loc": v.loc, "name": sprintf("option %s", [k]), "part": "", "rank": 1, "kind": "app", "owner": app.id, "owner_loc": app.loc}
}

_written contains w if {
	some app in input.apps
	some k, v in object.get(app, "kafka_params", {})
	v.secret == "literal"
	w := {"loc": v.loc, "name": sprintf("kafkaParams %s", [k]), "part": "", "rank": 1, "kind": "app", "owner": app.id, "owner_loc": app.loc}
}

_written contains w if {
	some cf in object.get(input, "config_files", [])
	some s in cf.secrets
	s.secret == "literal"
	w := {"loc": s.loc, "name": s.name, "part": object.get(s, "part", ""), "rank": 2, "kind": "file", "owner": cf.file, "owner_loc": s.loc, "services": object.get(cf, "services", []), "value_id": object.get(s, "value_id", 0)}
}

# _by_loc groups the places by location, _by_value by owner and value
# (lib.group_by: a scan of _written for each location or each secret made
# 5,000 brokers with passwords of their own take minutes).
_by_loc := lib.group_by({[w.loc, w] | some w in _written})

_by_value := lib.group_by({[[w.kind, w.owner, w.value_id], w] |
	some w in _written
	object.get(w, "value_id", 0) > 0
})

# one finding per service (or file) and value: where it is first written
deny contains f if {
	some loc, group in _by_loc
	not _repeat(loc)
	services := sort({w.owner | some w in group; w.kind == "service"})
	apps := sort({w.owner | some w in group; w.kind == "app"})
	again := _again(group)
	msg := sprintf("%s%s %s written literally in this file%s%s; the value is not repeated here", [
		_who(services, apps), _name(group), _what(group), _shared(services), _again_text(again),
	])
	related := array.concat(
		array.concat(_related(services, group), [lib.related(x.loc, sprintf("the same secret, as %s", [x.name])) | some x in again]),
		_mounts(group),
	)
	f := lib.finding_related(rego.metadata.chain(), msg, loc, related)
}

# a place where a service (or a file) writes a value it already writes at
# an earlier place: reported with that one
_repeat(loc) if {
	some w in _by_loc[loc]
	some x in _others(w)
	_before(x.loc, w.loc)
}

# the other places of w's value for the same service or file
_others(w) := {x |
	object.get(w, "value_id", 0) > 0
	w.kind in {"service", "file"}
	some x in _by_value[[w.kind, w.owner, w.value_id]]
	x.loc != w.loc
}

_before(a, b) if [a.file, a.line, a.column] < [b.file, b.line, b.column]

# the other places of the values written where group is, in order, each
# with the name shown there
_again(group) := [{"loc": l, "name": _name(_by_loc[l])} |
	some k in sort({[x.loc.file, x.loc.line, x.loc.column] | some w in group; some x in _others(w)})
	l := {"file": k[0], "line": k[1], "column": k[2]}
]

_again_text(again) := "" if count(again) == 0

_again_text(again) := sprintf(", and again as %s", [concat(", ", [x.name | some x in again])]) if count(again) > 0

_who(services, _) := sprintf("service %q: ", services) if count(services) == 1

_who(services, apps) := sprintf("%s: ", [lib.app_label({"id": apps[0]})]) if {
	count(services) == 0
	count(apps) == 1
}

_who(services, apps) := sprintf("apps %s: ", [concat(", ", apps)]) if {
	count(services) == 0
	count(apps) > 1
}

_who(services, apps) := "" if {
	count(apps) == 0
	count(services) == 0
}

_who(services, _) := "" if count(services) > 1

# the name shown: a service's variable before the property it becomes
_name(group) := min({w.name | some w in group; w.rank == rank}) if rank := min({w.rank | some w in group})

# the part of the value that is secret, when not all of it (what a
# configuration file's entry says, where a setting does not)
_what(group) := sprintf("holds a secret (%s)", [p]) if {
	p := max({w.part | some w in group})
	p != ""
} else := "is a secret"

# several services get the value from one place (an anchor, an extends base)
_shared(services) := sprintf(", shared by services %s", [concat(", ", [sprintf("%q", [s]) | some s in services])]) if count(services) > 1

_shared(services) := "" if count(services) <= 1

# the services that mount a configuration file, each at its definition: a
# related place rather than part of the message, because each compose
# project that mounts the file reports it, and the findings of one rule at
# one place merge into one message with each related place once
_mounts(group) := [lib.related(lib.service_named(s).loc, sprintf("service %q mounts this file", [s])) |
	some s in sort({s | some w in group; w.kind == "file"; some s in w.services})
]

# where each service gets a shared value from: the first of its places
# (group_by sorts each service's)
_related(services, group) := [lib.related(locs[s][0], sprintf("service %q gets the value from here", [s])) |
	some s in services
] if {
	count(services) > 1
	locs := lib.group_by({[w.owner, w.owner_loc] | some w in group; w.kind == "service"})
}

_related(services, _) := [] if count(services) <= 1

# A compose project is checked when it holds a Kafka or Spark service: a
# broker, a KRaft controller, a Kafka client, a Spark master, worker,
# driver or submit, or a service of a Kafka or Spark component's image
# that the roles do not name (Redpanda, Kafka Connect images other than
# the known clients', Debezium Server, kcat, Strimzi). Its other services
# (the CDC source database of a Debezium stack) are part of the pipeline.
_streaming_project if {
	some s in input.services
	s.role in {"broker", "controller", "kafka-client", "spark-master", "spark-worker", "spark-submit", "spark-driver"}
}

_streaming_project if {
	some s in input.services
	_streaming_image(lower(object.get(s, "image", "")))
	# ZooKeeper from a Kafka vendor's image (cp-zookeeper, debezium/zookeeper)
	# serves Druid, Solr or HBase as well: it is no Kafka of its own
	s.role != "zookeeper"
}

_streaming_image(img) if {
	some word in {"kafka", "spark", "redpanda", "confluentinc/", "ksqldb", "schema-registry", "strimzi"}
	contains(img, word)
}

# Debezium's images are its Kafka Connect, Debezium Server, UI, operator
# and Kafka, and databases of its examples (example-postgres,
# example-mysql, postgres: logical decoding or the binlog turned on), which
# are no streaming component by themselves
_streaming_image(img) if regex.match(`(^|/)debezium/(connect|connect-base|server|kafka|debezium-ui|operator)([:@]|$)`, img)
