package stories
import ("testing";"fmt";"path/filepath"
 "github.com/newsdigest/bot/internal/digest/similar")
func TestTune(t *testing.T){
 for _, boost := range []float64{0, 1, 2, 3, 4} {
 similar.EntBoost = boost
 docs, err := load(filepath.Join(requireData(t), DataPath)); if err!=nil {t.Fatal(err)}
 odd := splitDocs(docs, SplitTuned); even := splitDocs(docs, SplitHeldOut)
 for _, sys := range []string{SystemDefault, SystemCorpusIDF} {
    for thr := 0.30; thr < 0.6; thr += 0.02 {
     similar.ThrOverride = thr
     a := scoreGrouping(odd, group(odd, sys, similar.Matcher{}))
     if a.Precision < 0.95 {continue}
     b := scoreGrouping(even, group(even, sys, similar.Matcher{}))
     fmt.Printf("%s boost=%.1f thr=%.2f odd P=%.3f R=%.3f | even P=%.3f R=%.3f\n", sys[:14], boost,thr,a.Precision,a.Recall,b.Precision,b.Recall)
     break
    }
 }}
}
