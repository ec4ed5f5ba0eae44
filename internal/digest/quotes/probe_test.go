package quotes

import "testing"

func TestProbeEN(t *testing.T) {
	for _, body := range []string{
		"WASHINGTON — The deal is “done,” a senior official said.",
		"WASHINGTON (AP) — “The deal is done,” a senior official said.",
		"NEW YORK, March 3 (Reuters) - “The deal is done,” the company said.",
		"KYIV, Ukraine — “We will hold the line,” the general said.",
		"Washington — “We will hold the line,” the general said.",
		"In Russia, the move was called “a provocation.”",
		"Russia’s foreign ministry called the move “a provocation.”",
		"Monday’s meeting was “productive,” both sides said.",
		"Tuesday, the senator called the plan “cruel.”",
		"Earlier Tuesday, Senator Lena Park called the plan “cruel.”",
		"Trying to calm the crowd, Park said, “Please go home.”",
		"Speaking to reporters, Park said: “Please go home.”",
		"Using blunt language, the mayor called the plan “garbage.”",
		"Noting the delays, Park said the project was “a mess.”",
		"Citing sources, Politico reported the plan was “dead.”",
		"Asked about the plan, Okafor said: “I have not read it.”",
		"Sources said the talks were “stalled.”",
		"One official said the talks were “stalled.”",
		"Some critics called the plan “a scam.”",
		"Many Republicans called the plan “a scam.”",
		"Republican Sen. Lena Park called the plan “a scam.”",
		"Republicans called the plan “a scam,” while Democrats called it “overdue.”",
		"The White House called the report “false.”",
		"White House press secretary Dana Whitt called the report “false.”",
		"A White House spokesman called the report “false.”",
		"In a statement, the Pentagon said it was “aware of the reports.”",
		"The Pentagon, in a statement, said it was “aware of the reports.”",
		"Paul Okafor, the mayor of Salem, Oregon, said the city was “ready.”",
		"Salem Mayor Paul Okafor said the city was “ready.”",
		"Okafor’s spokeswoman, Dana Whitt, said the mayor was “ready.”",
		"Dana Whitt, Okafor’s spokeswoman, said the mayor was “ready.”",
		"“He is ready,” said Dana Whitt, Okafor’s spokeswoman.",
		"“He is ready,” Okafor’s spokeswoman said.",
		"“He is ready,” said a spokeswoman for Okafor.",
		"Okafor’s campaign called the ad “a lie.”",
		"The Okafor campaign called the ad “a lie.”",
		"Okafor, 54, told reporters he was “not going anywhere.”",
		"Okafor — who has denied wrongdoing — said he was “not going anywhere.”",
		"Okafor (D) said he was “not going anywhere.”",
		"Rep. Paul Okafor (D-Ohio) said he was “not going anywhere.”",
	} {
		doc := lineDoc(body)
		doc.Lang = "en"
		t.Logf("%s", body)
		for _, q := range Extract(doc) {
			t.Logf("      -> %q by %q (%q)", q.Text, q.Speaker, q.Cue)
		}
	}
}
