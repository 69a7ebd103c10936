package jobscan

import (
	"reflect"
	"testing"
)

// confReadCases: the keys a job reads back from the Spark configuration
// (an application's own spark.app.kafka_topic, set with --conf) are
// recorded when the key is a literal and the receiver is a configuration.
var confReadCases = []scanCase{
	{
		name: "py runtime conf get, with a default, getOption",
		lang: Python,
		src: `from pyspark.sql import SparkSession
spark = SparkSession.builder.appName("ingest").getOrCreate()
topic = spark.conf.get("spark.app.kafka_topic")
path = spark.conf.get("spark.landing.outputPath", "/tmp/out")
KEY = "spark.app.group"
group = spark.conf.get(key=KEY)
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="ingest" @2:38`,
			"read spark.app.kafka_topic @3:20",
			"read spark.landing.outputPath @4:19",
			"read spark.app.group @6:20",
		},
	},
	{
		name: "py SparkContext and SparkConf getters",
		lang: Python,
		src: `conf = SparkConf().setAppName("a")
sc = SparkContext(conf=conf)
a = sc.getConf().get("spark.app.a")
b = conf.get("spark.app.b", "x")
c = spark.sparkContext.getConf().get("spark.app.c")
d = spark_conf.get("spark.app.d")
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="a" @1:31`,
			"read spark.app.a @3:18",
			"read spark.app.b @4:10",
			"read spark.app.c @5:34",
			"read spark.app.d @6:16",
		},
	},
	{
		name: "scala getConf without parentheses, getOption, typed getter",
		lang: Scala,
		src: `val topic = spark.sparkContext.getConf.get("spark.app.kafka_topic")
val out = spark.conf.getOption("spark.landing.outputPath").getOrElse("/tmp")
val n = sparkConf.getInt("spark.app.partitions", 3)
`,
		want: []string{
			"kind unknown session=false",
			"read spark.app.kafka_topic @1:40",
			"read spark.landing.outputPath @2:22",
			"read spark.app.partitions @3:19",
		},
	},
	{
		name: "py near misses: dicts, environment, a key that is not literal",
		lang: Python,
		src: `topic = config.get("spark.app.kafka_topic")
home = os.environ.get("SPARK_HOME")
opts = settings.get("spark.app.x")
v = spark.conf.get(name)
w = requests.get("http://x")
`,
		want: []string{
			"kind unknown session=false",
		},
	},
}

// TestRuntimeSetsAreMarked: spark.conf.set changes the running session's
// value (RuntimeConfig.set); builder and SparkConf values are fixed when
// the session starts. Rules tell the two apart by Runtime.
func TestRuntimeSetsAreMarked(t *testing.T) {
	src := `conf = SparkConf().set("spark.executor.memory", "2g")
spark = SparkSession.builder.config(conf=conf).config("spark.sql.shuffle.partitions", "200").getOrCreate()
spark.conf.set("spark.sql.shuffle.partitions", "8")
`
	j := Scan("job.py", []byte(src), Python)
	got := map[string]bool{}
	for _, st := range j.Settings {
		got[st.Key+"="+st.Value] = st.Runtime
	}
	want := map[string]bool{
		"spark.sql.shuffle.partitions=200": false,
		"spark.executor.memory=2g":         false,
		"spark.sql.shuffle.partitions=8":   true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runtime marks = %v, want %v", got, want)
	}
}
