package stories
import ("testing";"fmt";"os";"path/filepath"
 "github.com/newsdigest/bot/internal/digest/similar")
func TestDump(t *testing.T){
 docs, err := load(filepath.Join(requireData(t), DataPath)); if err!=nil {t.Fatal(err)}
 f,_ := os.Create("/tmp/pairs.tsv"); defer f.Close()
 for _, split := range []string{SplitTuned, SplitHeldOut} {
 sub := splitDocs(docs, split)
 x := newIndex()
 for i, ed := range sub {
  d := ed.doc
  hits := x.search(similar.KeyTerms(d, keyTerms), candidates)
  cands := make([]similar.Doc, len(hits))
  for j,p := range hits { cands[j] = x.docs[p] }
  s, e, wo, wj := similar.DebugScores(d, cands)
  for j,p := range hits {
   same := sub[p].rec.Story == ed.rec.Story
   fmt.Fprintf(f, "%s\t%d\t%d\t%t\t%.4f\t%.4f\t%.4f\t%.4f\n", split[:3], i, p, same, s[j], e[j], wo[j], wj[j])
  }
  d.Story = int64(i+1)
  x.add(d)
 }}
}
