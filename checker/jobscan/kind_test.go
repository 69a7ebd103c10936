package jobscan

// kindCases decide a job's kind from the API it uses, never from the
// settings it writes.
var kindCases = []scanCase{
	{
		// A base class every structured job of the repository extends:
		// it builds the session with DStream-only keys (SPK003's business
		// in the jobs that read), but nothing here is a DStream.
		name: "py session-only base class with spark.streaming keys is unknown",
		lang: Python,
		src: `from pyspark.sql import SparkSession


class BaseJob:
    def create_session(self):
        return (SparkSession.builder
                .appName("trades")
                .config("spark.streaming.kafka.maxRatePerPartition", "1000")
                .config("spark.streaming.backpressure.enabled", "true")
                .getOrCreate())
`,
		want: []string{
			"kind unknown session=true",
			`set spark.app.name="trades" @7:26`,
			`set spark.streaming.kafka.maxRatePerPartition="1000" @8:70`,
			`set spark.streaming.backpressure.enabled="true" @9:65`,
		},
	},
	{
		name: "py StreamingContext made elsewhere, used as self.ssc",
		lang: Python,
		src: `class ClickJob(BaseJob):
    def run(self):
        self.ssc.start()
        self.ssc.awaitTermination()
`,
		want: []string{"kind dstream session=false"},
	},
	{
		name: "scala foreachRDD on a stream made elsewhere",
		lang: Scala,
		src: `object Sink {
  def save(stream: DStream[String]): Unit =
    stream.foreachRDD { rdd => rdd.count() }
}
`,
		want: []string{"kind dstream session=false"},
	},
	{
		name: "py a name ssc that is not called, or a method named ssc, is no evidence",
		lang: Python,
		src: `ssc = None
x = config.ssc
`,
		want: []string{"kind unknown session=false"},
	},
}
