package jobscan

import "testing"

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

// TestOtherInputDStream: a socket, file or custom-receiver DStream reads
// no Kafka (SPK002's rate key does not apply); KafkaUtils does. Only the
// receiver-based ones have a rate controller for backpressure (SPK001): a
// file or queue stream has none.
func TestOtherInputDStream(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src              string
		lang                   Language
		other, receiver, kafka bool
	}{
		{"py socket", "ssc = StreamingContext(sc, 2)\nlines = ssc.socketTextStream('localhost', 9999)\n", Python, true, true, false},
		{"scala receiver", "val ssc = new StreamingContext(conf, Seconds(5))\nval s = ssc.receiverStream(new SQSReceiver(q))\n", Scala, true, true, false},
		{"py kafka", "ssc = StreamingContext(sc, 2)\ns = KafkaUtils.createDirectStream(ssc, ['t'], {'metadata.broker.list': 'k:9092'})\n", Python, false, false, true},
		{"a helper makes it", "ssc = StreamingContext(sc, 2)\ns = client.stream(ssc)\n", Python, false, false, false},
		// Spark's HdfsWordCount and QueueStream examples
		{"scala file stream", "val ssc = new StreamingContext(conf, Seconds(2))\nval lines = ssc.textFileStream(dir)\n", Scala, true, false, false},
		{"py queue stream", "ssc = StreamingContext(sc, 1)\nssc.queueStream(rdds).pprint()\n", Python, true, false, false},
		// the Twitter, Flume and Kinesis connectors' receivers
		{"scala twitter", "val ssc = new StreamingContext(\"local[*]\", \"PopularWords\", Seconds(2))\nval tweets = TwitterUtils.createStream(ssc, None)\n", Scala, true, true, false},
		{"scala flume polling", "val ssc = new StreamingContext(conf, Seconds(1))\nval s = FlumeUtils.createPollingStream(ssc, \"localhost\", 9092)\n", Scala, true, true, false},
		{"py kinesis", "ssc = StreamingContext(sc, 1)\ns = KinesisUtils.createStream(ssc, app, stream, url, region, pos, 2)\n", Python, true, true, false},
		{"file and socket streams", "ssc = StreamingContext(sc, 1)\na = ssc.textFileStream(d)\nb = ssc.socketTextStream('h', 1)\n", Python, true, true, false},
	} {
		j := Scan("job", []byte(tt.src), tt.lang)
		if j.OtherInputDStream != tt.other || j.ReceiverInputDStream != tt.receiver || (len(j.KafkaDirectStreams) > 0) != tt.kafka {
			t.Errorf("%s: other=%v receiver=%v kafka=%d, want %v %v %v", tt.name, j.OtherInputDStream, j.ReceiverInputDStream, len(j.KafkaDirectStreams), tt.other, tt.receiver, tt.kafka)
		}
	}
}
