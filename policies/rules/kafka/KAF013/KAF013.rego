# METADATA
# title: Advertised listener unusable
# description: |
#   A client connects to any bootstrap address, then reconnects to the
#   addresses the brokers advertise in their metadata. A broker that
#   advertises 0.0.0.0 refuses to start (it is not a routable address). A
#   broker that advertises only localhost/127.0.0.1 works for clients on
#   the same host, but a container that bootstraps with the service name
#   (Spark's kafka.bootstrap.servers, a *BOOTSTRAP* variable) is told to
#   reconnect to localhost, which is itself: it times out. With several
#   brokers, the brokers cannot reach each other either. When
#   advertised.listeners is unset Kafka advertises the listeners.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_advertised.listeners
#     description: Kafka broker configuration, advertised.listeners
#   - ref: https://www.confluent.io/blog/kafka-listeners-explained/
#     description: Kafka Listeners - Explained (Confluent)
#   - ref: https://github.com/apache/kafka/blob/trunk/docker/examples/README.md
#     description: apache/kafka Docker examples (one listener for containers, one for the host)
# custom:
#   id: KAF013
#   severity: error
#   scope: repository
#   remediation: |
#     Give the broker one listener per network: advertise the service name
#     for containers and localhost for the host, e.g.
#     `KAFKA_LISTENERS: PLAINTEXT://0.0.0.0:29092,PLAINTEXT_HOST://0.0.0.0:9092`,
#     `KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092`,
#     `KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT`,
#     and let containers bootstrap with kafka:29092. Never advertise 0.0.0.0.
package streamlint.rules.KAF013

import data.streamlint.lib

# 0.0.0.0 advertised: the broker refuses to start
deny contains f if {
	some b in input.brokers
	adv := lib.effective_advertised(b)
	zero := [l.text | some l in _checked(b, adv); l.host == "0.0.0.0"]
	count(zero) > 0
	msg := sprintf(
		"%s: %s; Kafka refuses to start because 0.0.0.0 is not a routable address (\"advertised.listeners cannot use the nonroutable meta-address 0.0.0.0\"); %s",
		[lib.broker_label(b), _what(b, adv, zero), _zero_fix(b, adv)],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(adv.value, b.loc))
}

_what(_, adv, zero) := sprintf("it advertises %s: %s", [concat(", ", zero), lib.shown(adv.value, "advertised.listeners")]) if not adv.fallback

_what(_, adv, zero) := sprintf("advertised.listeners is unset, so Kafka advertises the listeners, %s, which bind %s", [lib.shown(adv.value, "listeners"), concat(", ", zero)]) if adv.fallback

# Kafka checks every advertised listener; when it falls back to the
# listeners it leaves out the controller listeners (before 3.9, and 3.9+
# checks them separately with the same result for 0.0.0.0).
_checked(_, adv) := adv.list if not adv.fallback

_checked(b, adv) := lib.broker_advertised(b, adv) if adv.fallback

_zero_fix(b, adv) := sprintf("advertise an address clients can reach, e.g. %s=%s", [lib.setting_name(b, "advertised.listeners"), concat(",", _suggest(b, adv))])

# the same listeners with the broker's service name as host
_suggest(b, adv) := [sprintf("%s://%s:%s", [l.name, _host_for(b, l), l.port]) | some l in _checked(b, adv)]

_host_for(b, l) := b.service if l.host in {"0.0.0.0", ""}

_host_for(_, l) := l.host if not l.host in {"0.0.0.0", ""}

# only loopback advertised, while a container connects by service name or
# the cluster has several brokers
deny contains f if {
	some b in input.brokers
	not _host_network(b.service)
	adv := lib.effective_advertised(b)
	listed := lib.broker_advertised(b, adv)
	count(listed) > 0
	every l in listed {
		lib.loopback(l.host)
	}
	users := _connects_by_name(b)
	count(users) > 0
	msg := sprintf(
		"%s advertises only %s (%s); %s %s it %s, and after bootstrapping Kafka tells each client to reconnect to %s, which inside a container is the container itself: the connection times out; %s",
		[lib.broker_label(b), concat(", ", [l.text | some l in listed]), _origin_text(b, adv), concat("; ", sort([u.what | some u in users])), _reach(users), _how(users), concat(", ", [sprintf("%s:%s", [l.host, l.port]) | some l in listed]), _loop_fix(b, listed)],
	)
	f := lib.finding_related(rego.metadata.chain(), msg, lib.loc_or(adv.value, b.loc), [lib.related(u.loc, u.what) | some u in users])
}

deny contains f if {
	some b in input.brokers
	not _host_network(b.service)
	adv := lib.effective_advertised(b)
	listed := lib.broker_advertised(b, adv)
	count(listed) > 0
	every l in listed {
		lib.loopback(l.host)
	}
	count(_connects_by_name(b)) == 0
	c := lib.cluster_of(b)
	c.broker_count > 1
	msg := sprintf(
		"%s advertises only %s (%s) but its cluster has %d brokers: the other brokers replicate from this one through the advertised address and reach only themselves, so replication and leader changes fail; %s",
		[lib.broker_label(b), concat(", ", [l.text | some l in listed]), _origin_text(b, adv), c.broker_count, _loop_fix(b, listed)],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(adv.value, b.loc))
}

# _how says how the users name the broker on the Docker network.
_how(users) := "by its static address" if {
	every u in users {
		u.via == "static address"
	}
} else := "by service name" if {
	every u in users {
		u.via == "service name"
	}
} else := "by a name or address on the Docker network"

_reach(users) := "reaches" if count(users) == 1

_reach(users) := "reach" if count(users) > 1

_origin_text(_, adv) := lib.shown(adv.value, "advertised.listeners") if not adv.fallback

_origin_text(_, adv) := sprintf("advertised.listeners is unset, so Kafka advertises the listeners, %s", [lib.shown(adv.value, "listeners")]) if adv.fallback

_loop_fix(b, listed) := sprintf(
	"advertise the service name on a listener for the Docker network and keep localhost on a separate one for the host, e.g. %s=%s://%s:29092,%s (with %s and %s to match)",
	[lib.setting_name(b, "advertised.listeners"), _internal_name(listed), b.service, concat(",", [l.text | some l in listed]), lib.setting_name(b, "listeners"), lib.setting_name(b, "listener.security.protocol.map")],
)

_internal_name(listed) := "INTERNAL" if {
	some l in listed
	l.name == "PLAINTEXT"
} else := "PLAINTEXT"

# _connects_by_name are the places where another service reaches the
# broker by its service name (or container_name, network alias).
_connects_by_name(b) := apps | envs if {
	apps := {{"what": r.what, "loc": r.loc, "via": r.via} |
		some r in object.get(_app_refs_by_broker, b.service, [])
		not _app_shares_network(r.services, b.service)
	}
	envs := {{"what": r.what, "loc": r.loc, "via": r.via} |
		some r in object.get(_env_refs_by_broker, b.service, [])
		r.service != b.service
		not _shares_network(lib.service_named(r.service), b.service)
	}
}

# The references to each broker, gathered in one pass over the apps'
# bootstrap lists and the services' *BOOTSTRAP* variables (a scan of every
# service per broker made this rule quadratic in the brokers).
_app_refs_by_broker := lib.group_by({[e.broker, {"what": sprintf("%s (kafka.bootstrap.servers=%s)", [lib.app_label(app), bs.value.value]), "loc": bs.value.loc, "via": e.via, "services": object.get(app, "services", [])}] |
	some app in input.apps
	some bs in object.get(app, "bootstrap", [])
	bs.value.loc
	some e in bs.entries
	e.via in {"service name", "container_name", "hostname", "network alias", "static address"}
})

_env_refs_by_broker := lib.group_by({[name, {"what": sprintf("service %q (%s=%s)", [s.name, k, v.value]), "loc": v.loc, "service": s.name, "via": _env_via(host, name)}] |
	some s in input.services
	some k, v in object.get(s, "env", {})
	not v.unresolved
	v.loc
	some addr in split(v.value, ",")
	host := lib.address_host(addr)
	some name in lib.services_for_host(host)
})

_env_via(host, name) := "service name" if host == name

_env_via(host, name) := "static address" if {
	host != name
	host in object.get(lib.service_named(name), "addresses", [])
}

_env_via(host, name) := "another name" if {
	host != name
	not host in object.get(lib.service_named(name), "addresses", [])
}

_host_network(name) if object.get(lib.service_named(name), "network_mode", "") == "host"

# a client in the broker's network namespace (network_mode service:<broker>
# or host networking on both sides) reaches it on localhost
_shares_network(s, broker) if object.get(s, "network_mode", "") == sprintf("service:%s", [broker])

_shares_network(s, _) if object.get(s, "network_mode", "") == "host"

_app_shares_network(services, broker) if {
	some name in services
	_shares_network(lib.service_named(name), broker)
}
