package spark
import ("testing";"fmt";"github.com/streamlint/streamlint/checker/model")
func TestScratch(t *testing.T) {
	for _, s := range []string{
		`spark-submit --master spark://spark-master:7077 --conf spark.streaming.kafka.maxRatePerPartition=50000 --conf spark.streaming.backpressure.initialRate=25000 /opt/jobs/streaming_realtime_dashboard.py`,
		`bash -c "spark-submit --conf 'spark.driver.extraJavaOptions=-Da=1 -Db=2' --conf=spark.x=1 app.py a b && echo done"`,
		"sh -c 'exec /opt/bitnami/spark/bin/spark-submit --executor-memory 2g x.py 2>&1 | tee log'",
		`FOO=1 spark-submit $SPARK_SUBMIT_ARGS --conf spark.x="$V" x.jar`,
	} {
		args := SplitShell(s, model.Location{File: "c.yml", Line: 10, Column: 14})
		for _, a := range args { fmt.Printf("  %q %v op=%v\n", a.Text, a.Loc, a.Op) }
		for _, sub := range FindSubmits(args) { fmt.Printf("%+v\n", sub) }
		c, d, err := SplitCompose(s, model.Location{File: "c.yml", Line: 10, Column: 14})
		fmt.Println("compose", len(c), d, err)
	}
}
