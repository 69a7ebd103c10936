// Package kafka knows how Kafka container images turn a compose service's
// environment into broker properties, what those images ship as their
// packaged configuration, and which broker and topic properties exist.
//
// The package is pure: every function works on values it is given and on the
// catalog embedded at build time (data/*.tsv). Nothing here reads files,
// the process environment or the network.
//
// The usual flow for one compose service is:
//
//	img := kafka.ParseImage(service.Image)        // or GuessImage for build: services
//	tr := kafka.Translate(img, env)                // env -> properties, helpers, ignored vars
//	base := kafka.PackagedDefaults(img, tr, mounted)       // the image's packaged defaults
//	cat, _ := kafka.LoadCatalog()                  // names, types, defaults, synonyms
//
// The effective value of a key is then the last tr.Properties entry for that
// key, else the PackagedDefaults entry, else the catalog default for the image's
// Kafka version (docs/concepts.md, Effective value).
//
// The conventions reproduced here were read from the images' entrypoint
// scripts (one file per convention: convention_confluent.go for cp-kafka,
// cp-server, confluent-local and apache/kafka, convention_bitnami.go,
// convention_wurstmeister.go, convention_debezium.go). Where the scripts
// leave a case open, the doc comment of the function says what this
// package does.
package kafka
