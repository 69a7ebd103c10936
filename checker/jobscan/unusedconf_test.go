package jobscan

import (
	"sort"
	"strings"
	"testing"
)

// TestUnusedSparkConf: the settings of a SparkConf the file never gives to
// a builder, a SparkContext or a StreamingContext configure nothing
// (gschmutz's FlightDataApp: SPK007 and SPK008 counted them); a conf that
// is passed, returned or stored keeps them, whatever setters are called on
// it first.
func TestUnusedSparkConf(t *testing.T) {
	for _, tt := range []struct {
		name string
		lang Language
		src  string
		want string // the keys set, sorted
	}{
		{"scala, never used", Scala, "val conf = new SparkConf().setAppName(\"Old\").set(\"spark.executor.memory\", \"16g\")\nval spark = SparkSession.builder.appName(\"New\").getOrCreate()\n", "spark.app.name"},
		{"python, only its setters called", Python, "conf = SparkConf().setAppName(\"Old\")\nconf.set(\"spark.executor.memory\", \"16g\")\nspark = SparkSession.builder.appName(\"New\").getOrCreate()\n", "spark.app.name"},
		{"python, given to the builder", Python, "conf = SparkConf().set(\"spark.executor.memory\", \"4g\")\nspark = SparkSession.builder.config(conf=conf).getOrCreate()\n", "spark.executor.memory"},
		{"scala, given to a SparkContext", Scala, "val conf = new SparkConf().set(\"spark.executor.memory\", \"4g\")\nval sc = new SparkContext(conf)\n", "spark.executor.memory"},
		{"python, returned by a helper", Python, "def make():\n    conf = SparkConf().set(\"spark.executor.memory\", \"4g\")\n    return conf\n", "spark.executor.memory"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := Scan("job", []byte(tt.src), tt.lang)
			var keys []string
			for _, s := range j.Settings {
				keys = append(keys, s.Key)
			}
			sort.Strings(keys)
			if got := strings.Join(keys, ","); got != tt.want {
				t.Errorf("settings %q, want %q", got, tt.want)
			}
		})
	}
}
