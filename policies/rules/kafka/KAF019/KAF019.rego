# METADATA
# title: Listeners inconsistent
# description: |
#   Kafka checks its listener settings against each other at startup and
#   exits when they disagree: every advertised listener name must be one of
#   `listeners`, every listener name needs a security protocol (in
#   listener.security.protocol.map, whose default maps only PLAINTEXT,
#   SSL, SASL_PLAINTEXT, SASL_SSL and, on KRaft nodes without SSL/SASL, the
#   controller listener), the inter-broker listener
#   (inter.broker.listener.name, else the one named after
#   security.inter.broker.protocol, PLAINTEXT) must be advertised, KRaft
#   nodes need controller.listener.names (a broker-only node must not bind
#   it, and before Kafka 3.9 no broker may advertise it), and two
#   listeners cannot share a port. Names are case-insensitive.
# related_resources:
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_listeners
#     description: Kafka broker configuration, listeners
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_listener.security.protocol.map
#     description: Kafka broker configuration, listener.security.protocol.map
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_inter.broker.listener.name
#     description: Kafka broker configuration, inter.broker.listener.name
#   - ref: https://kafka.apache.org/documentation/#brokerconfigs_controller.listener.names
#     description: Kafka broker configuration, controller.listener.names
# custom:
#   id: KAF019
#   severity: error
#   scope: repository
#   remediation: |
#     Keep the four settings in step: every name in KAFKA_ADVERTISED_LISTENERS
#     also in KAFKA_LISTENERS, every custom name mapped in
#     KAFKA_LISTENER_SECURITY_PROTOCOL_MAP (e.g. `PLAINTEXT_HOST:PLAINTEXT`,
#     `CONTROLLER:PLAINTEXT`), KAFKA_INTER_BROKER_LISTENER_NAME set to an
#     advertised listener, and one port per listener.
package streamlint.rules.KAF019

import data.streamlint.lib

# an advertised listener name that no listener binds
deny contains f if {
	some n in lib.nodes
	lib.has_role(n, "broker")
	adv := lib.advertised_value(n)
	lv := lib.listeners_value(n)
	bound := {l.name | some l in object.get(lv, "listeners", [])}
	ctl := lib.controller_names(n)
	missing := {l.name | some l in object.get(adv, "listeners", []); not l.name in bound; not l.name in ctl}
	count(missing) > 0
	msg := sprintf(
		"%s: advertised.listeners names %s, which the listeners, %s, do not define; Kafka exits with \"advertised.listeners listener names must be equal to or a subset of the ones defined in listeners\"; add %s to %s or remove it from %s",
		[_label(n), _names(missing), lib.shown(lv, "listeners"), _names(missing), lib.setting_name(n, "listeners"), lib.setting_name(n, "advertised.listeners")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(adv, n.loc))
}

# listener names without a security protocol
deny contains f if {
	some n in lib.nodes
	mapped := lib.protocol_map_names(n)
	uses := _uses(n)
	missing := {name | some [_, name] in uses; not name in mapped}
	count(missing) > 0
	used := _by_name(uses)
	mv := n.config["listener.security.protocol.map"]
	msg := sprintf(
		"%s: listener name(s) %s (%s) have no security protocol: %s; Kafka exits with \"No security protocol defined for listener\"; %s",
		[_label(n), _names(missing), concat("; ", sort([sprintf("%s in %s", [m, concat(", ", sort(used[m]))]) | some m in missing])), _map_text(n, mv, mapped), _map_fix(n, mv, missing)],
	)
	f := lib.finding(rego.metadata.chain(), msg, _map_loc(n, mv, missing))
}

# _used_names maps each listener name the node uses to the settings using it.
_used_names(n) := _by_name(_uses(n))

# (grouped by lib.group_by: a comprehension per name over every use is
# quadratic, and a listener list of 10,000 entries took minutes)
_by_name(uses) := {name: {k | some k in ks} | some name, ks in lib.group_by([[x, k] | some [k, x] in uses])}

_uses(n) := (({["listeners", l.name] | some l in object.get(lib.listeners_value(n), "listeners", [])} | {["advertised.listeners", l.name] | lib.has_role(n, "broker"); some l in object.get(lib.advertised_value(n), "listeners", [])}) | {["inter.broker.listener.name", ib.name] | lib.has_role(n, "broker"); ib := lib.inter_broker_name(n); ib.explicit}) | {["controller.listener.names", c] | _broker_only(n); some c in lib.controller_names(n)}

_map_text(_, mv, mapped) := sprintf("%s maps only %s", [lib.shown(mv, "listener.security.protocol.map"), _names(mapped)]) if mv.source != "default"

_map_text(_, mv, mapped) := sprintf("listener.security.protocol.map is unset and Kafka's default maps only %s", [_names(mapped)]) if mv.source == "default"

_map_fix(n, mv, missing) := sprintf("add %s to %s", [concat(",", sort([sprintf("%s:PLAINTEXT", [m]) | some m in missing])), lib.setting_name(n, "listener.security.protocol.map")]) if mv.source != "default"

_map_fix(n, mv, _) := sprintf("set %s=%s (with the protocol each listener really uses)", [lib.setting_name(n, "listener.security.protocol.map"), concat(",", sort([sprintf("%s:%s", [m, _proto(m)]) | some m in _all_names(n)]))]) if mv.source == "default"

_all_names(n) := {name | some name, _ in _used_names(n)}

_proto(name) := name if name in lib.default_protocol_names

_proto(name) := "PLAINTEXT" if not name in lib.default_protocol_names

_map_loc(_, mv, _) := mv.loc if mv.loc

_map_loc(n, mv, _) := lib.loc_or(lib.listeners_value(n), n.loc) if not mv.loc

# the inter-broker listener is not advertised
deny contains f if {
	some n in lib.nodes
	lib.has_role(n, "broker")
	ib := lib.inter_broker_name(n)
	adv := lib.effective_advertised(n)
	names := {l.name | some l in lib.broker_advertised(n, adv)}
	count(names) > 0
	not ib.name in names
	not _unmapped_explicit(n, ib)
	msg := sprintf(
		"%s: brokers replicate over the %s listener (%s), but the broker advertises only %s (%s); Kafka exits with \"inter.broker.listener.name must be a listener name defined in advertised.listeners\"; %s",
		[_label(n), ib.name, _ib_origin(ib), _names(names), _adv_origin(adv), _ib_fix(n, names)],
	)
	f := lib.finding(rego.metadata.chain(), msg, _ib_loc(n, ib, adv))
}

# reported by the protocol map check instead
_unmapped_explicit(n, ib) if {
	ib.explicit
	mapped := lib.protocol_map_names(n)
	not ib.name in mapped
}

_ib_origin(ib) := lib.shown(ib.value, "inter.broker.listener.name") if ib.explicit

_ib_origin(ib) := sprintf("inter.broker.listener.name is unset, so Kafka uses the listener named after security.inter.broker.protocol=%s", [ib.name]) if not ib.explicit

_adv_origin(adv) := lib.shown(adv.value, "advertised.listeners") if not adv.fallback

_adv_origin(adv) := sprintf("advertised.listeners is unset, so Kafka advertises the listeners, %s", [lib.shown(adv.value, "listeners")]) if adv.fallback

_ib_fix(n, names) := sprintf("set %s to one of %s (the listener on the Docker network)", [lib.setting_name(n, "inter.broker.listener.name"), _names(names)])

_ib_loc(_, ib, _) := ib.value.loc if {
	ib.explicit
	ib.value.loc
}

_ib_loc(n, ib, adv) := lib.loc_or(adv.value, n.loc) if not _explicit_loc(ib)

_explicit_loc(ib) if {
	ib.explicit
	ib.value.loc
}

# both ways of naming the inter-broker listener
deny contains f if {
	some n in lib.nodes
	lib.has_role(n, "broker")
	ib := lib.configured(n, "inter.broker.listener.name")
	sp := n.config["security.inter.broker.protocol"]
	sp.set
	not sp.unresolved
	msg := sprintf(
		"%s: both %s and %s are set; Kafka exits with \"Only one of inter.broker.listener.name and security.inter.broker.protocol should be set\"; remove %s",
		[_label(n), lib.shown(ib, "inter.broker.listener.name"), lib.shown(sp, "security.inter.broker.protocol"), lib.setting_name(n, "security.inter.broker.protocol")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(sp, n.loc))
}

# a KRaft node without controller.listener.names
deny contains f if {
	some n in lib.nodes
	lib.kraft(n)
	lib.absent(n, "controller.listener.names")
	not lib.image_may_fill_listeners(n)
	not _kaf021(n)
	msg := sprintf(
		"%s: KRaft node (process.roles=%s) without controller.listener.names; Kafka exits (%s); set %s=CONTROLLER and map it in %s (CONTROLLER:PLAINTEXT)",
		[_label(n), concat(",", n.roles), _ctl_reason(n), lib.setting_name(n, "controller.listener.names"), lib.setting_name(n, "listener.security.protocol.map")],
	)
	f := lib.finding(rego.metadata.chain(), msg, n.loc)
}

_ctl_reason(n) := "a broker-only node needs it to find the controllers" if _broker_only(n)

_ctl_reason(n) := "a controller must bind one of its listeners" if lib.has_role(n, "controller")

# apache/kafka nodes whose packaged defaults are dropped: KAF021 reports
# the missing KRaft keys
_kaf021(n) if {
	n.family == "apache"
	n.packaged_defaults_dropped
}

# a broker-only node binding its controller listener
deny contains f if {
	some n in lib.nodes
	_broker_only(n)
	lv := lib.listeners_value(n)
	ctl := lib.controller_names(n)
	bound := {l.name | some l in object.get(lv, "listeners", []); l.name in ctl}
	count(bound) > 0
	msg := sprintf(
		"%s: a broker-only KRaft node (process.roles=broker) binds its controller listener %s in %s; Kafka exits with \"controller.listener.names must not contain a value appearing in the 'listeners' configuration when running KRaft with just the broker role\"; remove it from %s (the controllers bind it)",
		[_label(n), _names(bound), lib.shown(lv, "listeners"), lib.setting_name(n, "listeners")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(lv, n.loc))
}

# a broker advertising its controller listener (rejected before Kafka 3.9)
deny contains f if {
	some n in lib.nodes
	lib.kraft(n)
	lib.has_role(n, "broker")
	lib.kafka_before(n, 3, 9)
	adv := lib.advertised_value(n)
	ctl := lib.controller_names(n)
	listed := {l.name | some l in object.get(adv, "listeners", []); l.name in ctl}
	count(listed) > 0
	msg := sprintf(
		"%s: advertised.listeners includes the controller listener %s (%s); Kafka %s exits with \"The advertised.listeners config must not contain KRaft controller listeners from controller.listener.names when process.roles contains the broker role\" (allowed from 3.9); remove it from %s",
		[_label(n), _names(listed), lib.shown(adv, "advertised.listeners"), n.kafka_version, lib.setting_name(n, "advertised.listeners")],
	)
	f := lib.finding(rego.metadata.chain(), msg, lib.loc_or(adv, n.loc))
}

# two listeners on one port
deny contains f if {
	some n in lib.nodes
	lv := lib.listeners_value(n)
	ls := [l | some l in object.get(lv, "listeners", []); l.port != ""; not _ipv6(l.host)]
	some p, at in lib.group_by([[l.port, i] | some i, l in ls])
	count(at) > 1
	same := [ls[i].text | some i in at]
	msg := sprintf(
		"%s: %s bind port %s twice (%s)%s; Kafka exits with \"Each listener must have a different port\"; give each listener its own port",
		[_label(n), concat(" and ", same), p, lib.shown(lv, "listeners"), _derived(n, lv)],
	)
	f := lib.finding(rego.metadata.chain(), msg, _port_loc(n, lv))
}

_derived(n, lv) := sprintf(": %s is unset, so the image derived the listeners from %s by replacing each host with 0.0.0.0", [lib.setting_name(n, "listeners"), lib.setting_name(n, "advertised.listeners")]) if {
	lv.source == "image-baseline"
	n.family in {"confluent", "apache"}
	lib.advertised_value(n).loc
}

_derived(n, lv) := "" if not _derived_set(n, lv)

_derived_set(n, lv) if {
	lv.source == "image-baseline"
	n.family in {"confluent", "apache"}
	lib.advertised_value(n).loc
}

_port_loc(_, lv) := lv.loc if lv.loc

_port_loc(n, lv) := lib.loc_or(lib.advertised_value(n), n.loc) if {
	not lv.loc
	_derived_set(n, lv)
}

_port_loc(n, lv) := n.loc if {
	not lv.loc
	not _derived_set(n, lv)
}

_ipv6(host) if contains(host, ":")

_ipv6(host) if startswith(host, "[")

_broker_only(n) if {
	lib.kraft(n)
	lib.has_role(n, "broker")
	not lib.has_role(n, "controller")
}

_label(n) := lib.broker_label(n) if lib.has_role(n, "broker")

_label(n) := sprintf("controller %q", [n.service]) if not lib.has_role(n, "broker")

_names(s) := concat(", ", sort([x | some x in s]))
