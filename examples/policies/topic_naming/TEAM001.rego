# METADATA
# title: Topic name does not follow the team convention
# description: |
#   Topics are named <domain>.<entity>[-<qualifier>], lower case, so that
#   ACLs and dashboards can be written per domain: payments.transactions,
#   fraud.alerts-v2. This checks the topics the project creates and the
#   topics its Spark jobs subscribe to.
# related_resources:
#   - ref: https://wiki.example.com/platform/kafka-naming
#     description: Platform team naming convention
# custom:
#   id: TEAM001
#   severity: warning
#   remediation: |
#     Rename the topic to <domain>.<entity>, lower case, e.g. payments.transactions.
package streamlint.rules.TEAM001

import data.streamlint.lib

_pattern := `^[a-z][a-z0-9]*\.[a-z][a-z0-9-]*$`

deny contains f if {
	some t in input.topics
	not regex.match(_pattern, t.name)
	f := lib.finding_for(rego.metadata.chain(), sprintf("topic %q is created here but does not match <domain>.<entity> (%s)", [t.name, _pattern]), t)
}

deny contains f if {
	some app in input.apps
	some src in app.sources
	src.format == "kafka"
	subscribe := src.options.subscribe
	some name in split(subscribe.value, ",")
	not regex.match(_pattern, trim_space(name))
	f := lib.finding_for(rego.metadata.chain(), sprintf("%s subscribes to %q, which does not match <domain>.<entity> (%s)", [app.id, trim_space(name), _pattern]), subscribe)
}
