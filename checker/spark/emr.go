package spark

import (
	"regexp"
	"strings"
)

// emrImageRe matches the Amazon EMR Spark images (EMR on EKS and EMR
// Serverless, public ECR or an account's mirror of them); emrReleaseRe
// an EMR release label (emr-6.15.0), which a local tag of an image
// built from them keeps (emr-6.15.0-spark:local).
var (
	emrImageRe   = regexp.MustCompile(`(?:^|/)emr-(?:on-eks|serverless)/spark/emr-\d`)
	emrReleaseRe = regexp.MustCompile(`(?:^|/)emr-\d+\.\d+\.\d+`)
)

// EMRImage reports whether the image reference is an Amazon EMR Spark
// image, or a Spark image named after an EMR release. Its Spark is
// Amazon's build, which reads settings Apache Spark does not have
// (EMRKey).
func EMRImage(ref string) bool {
	return emrImageRe.MatchString(ref) || (emrReleaseRe.MatchString(ref) && strings.Contains(ref, "spark"))
}

// emrKeys are the settings the EMR Spark images write into their own
// spark-defaults.conf and Amazon's Spark reads (node decommissioning,
// the EMRFS S3-optimized committer, the EMR session extensions); Apache
// Spark has none of them.
var emrKeys = map[string]bool{
	"spark.blacklist.decommissioning.enabled":                       true,
	"spark.blacklist.decommissioning.timeout":                       true,
	"spark.decommissioning.timeout.threshold":                       true,
	"spark.resourceManager.cleanupExpiredHost":                      true,
	"spark.stage.attempt.ignoreOnDecommissionFetchFailure":          true,
	"spark.sql.parquet.fs.optimized.committer.optimization-enabled": true,
}

// EMRKey reports whether name is a setting of Amazon's EMR Spark build:
// one of the keys its images configure, or a key of its spark.emr.,
// spark.emr-serverless. and spark.sql.emr. namespaces.
func EMRKey(name string) bool {
	if emrKeys[name] {
		return true
	}
	for _, p := range [...]string{"spark.emr.", "spark.emr-serverless.", "spark.sql.emr."} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
