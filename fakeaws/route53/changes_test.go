package route53_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

func TestChangeResourceRecordSetsTypes(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	h.mustApply(t, id,
		change(types.ChangeActionCreate, set("WWW.Example.com", types.RRTypeA, 300, "192.0.2.1", "192.0.2.2")),
		change(types.ChangeActionCreate, set("www.example.com.", types.RRTypeAaaa, 300, "2001:db8::1")),
		change(types.ChangeActionCreate, set("mail.example.com", types.RRTypeMx, 300, "10 mx1.example.com.", "20 mx2.example.com.")),
		change(types.ChangeActionCreate, set("example.com", types.RRTypeTxt, 60, `"v=spf1 -all"`, `"a" "b"`)),
		change(types.ChangeActionCreate, set("_sip._tcp.example.com", types.RRTypeSrv, 300, "10 5 5060 sip.example.com.")),
		change(types.ChangeActionCreate, set("alias.example.com", types.RRTypeCname, 300, "www.example.com")),
		change(types.ChangeActionCreate, set("1.2.0.192.in-addr.example.com", types.RRTypePtr, 300, "www.example.com.")),
		change(types.ChangeActionCreate, set("example.com", types.RRTypeCaa, 300, `0 issue "letsencrypt.org"`)),
		change(types.ChangeActionCreate, set("*.example.com", types.RRTypeA, 300, "192.0.2.9")),
		change(types.ChangeActionCreate, set("sub.example.com", types.RRTypeNs, 300, "ns1.sub.example.com.")),
		change(types.ChangeActionCreate, set("a-b.example.com", types.RRTypeA, 300, "192.0.2.3")),
	)
	got := summary(h.sets(t, id))
	// Sorted by the name with its labels reversed (com.example.www.), as
	// bytes, then by type: "*" sorts first, the PTR under its last label
	// "in-addr".
	want := []string{
		"example.com. CAA 300 0 issue \"letsencrypt.org\"",
		"example.com. NS 172800 *",
		"example.com. SOA 900 *",
		"example.com. TXT 60 \"v=spf1 -all\" \"a\" \"b\"",
		"\\052.example.com. A 300 192.0.2.9",
		"_sip._tcp.example.com. SRV 300 10 5 5060 sip.example.com.",
		"a-b.example.com. A 300 192.0.2.3",
		"alias.example.com. CNAME 300 www.example.com",
		"1.2.0.192.in-addr.example.com. PTR 300 www.example.com.",
		"mail.example.com. MX 300 10 mx1.example.com. 20 mx2.example.com.",
		"sub.example.com. NS 300 ns1.sub.example.com.",
		"www.example.com. A 300 192.0.2.1 192.0.2.2",
		"www.example.com. AAAA 300 2001:db8::1",
	}
	if len(got) != len(want) {
		t.Fatalf("record sets:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if w, ok := strings.CutSuffix(want[i], "*"); ok && strings.HasPrefix(got[i], w) {
			continue
		}
		if got[i] != want[i] {
			t.Errorf("record set %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	hz := must[*route53.GetHostedZoneOutput](t)(h.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)}))
	if aws.ToInt64(hz.HostedZone.ResourceRecordSetCount) != int64(len(want)) {
		t.Errorf("ResourceRecordSetCount %d, want %d", aws.ToInt64(hz.HostedZone.ResourceRecordSetCount), len(want))
	}
}

func TestChangeResourceRecordSetsUpsertAndDelete(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	h.mustApply(t, id, change(types.ChangeActionUpsert, set("www.example.com", types.RRTypeA, 300, "192.0.2.1")))
	h.mustApply(t, id, change(types.ChangeActionUpsert, set("www.example.com", types.RRTypeA, 60, "192.0.2.7", "192.0.2.8")))
	got := summary(h.sets(t, id))
	if got[len(got)-1] != "www.example.com. A 60 192.0.2.7 192.0.2.8" {
		t.Errorf("after UPSERT: %q", got)
	}
	// DELETE matches values in any order; DELETE then CREATE in one batch
	// replaces, as clients did before UPSERT.
	h.mustApply(t, id,
		change(types.ChangeActionDelete, set("www.example.com", types.RRTypeA, 60, "192.0.2.8", "192.0.2.7")),
		change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 30, "192.0.2.5")),
	)
	got = summary(h.sets(t, id))
	if got[len(got)-1] != "www.example.com. A 30 192.0.2.5" {
		t.Errorf("after DELETE+CREATE: %q", got)
	}
	h.mustApply(t, id, change(types.ChangeActionDelete, set("www.example.com", types.RRTypeA, 30, "192.0.2.5")))
	if got := h.sets(t, id); len(got) != 2 {
		t.Errorf("after DELETE: %q", summary(got))
	}
}

func TestChangeResourceRecordSetsErrors(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	h.mustApply(t, id,
		change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 300, "192.0.2.1")),
		change(types.ChangeActionCreate, set("c.example.com", types.RRTypeCname, 300, "www.example.com")),
	)
	soa := h.sets(t, id)[1]
	batchErrs := []struct {
		name    string
		changes []types.Change
		msgs    []string
	}{
		{"create existing", []types.Change{change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 300, "192.0.2.1"))},
			[]string{"Tried to create resource record set [name='www.example.com.', type='A'] but it already exists"}},
		{"delete missing", []types.Change{change(types.ChangeActionDelete, set("nope.example.com", types.RRTypeA, 300, "192.0.2.1"))},
			[]string{"Tried to delete resource record set [name='nope.example.com.', type='A'] but it was not found"}},
		{"delete other TTL", []types.Change{change(types.ChangeActionDelete, set("www.example.com", types.RRTypeA, 60, "192.0.2.1"))},
			[]string{"Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values"}},
		{"delete other values", []types.Change{change(types.ChangeActionDelete, set("www.example.com", types.RRTypeA, 300, "192.0.2.2"))},
			[]string{"Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values"}},
		{"CNAME beside A", []types.Change{change(types.ChangeActionCreate, set("www.example.com", types.RRTypeCname, 300, "x.example.com"))},
			[]string{"RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com."}},
		{"TXT beside CNAME", []types.Change{change(types.ChangeActionUpsert, set("c.example.com", types.RRTypeTxt, 300, `"x"`))},
			[]string{"RRSet of type TXT with DNS name c.example.com. is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone example.com."}},
		{"CNAME at apex", []types.Change{change(types.ChangeActionCreate, set("example.com", types.RRTypeCname, 300, "x.example.net"))},
			[]string{"RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com."}},
		{"bad IPv4", []types.Change{change(types.ChangeActionCreate, set("v4.example.com", types.RRTypeA, 300, "192.0.2"))},
			[]string{"Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address) encountered with '192.0.2''"}},
		{"bad IPv6", []types.Change{change(types.ChangeActionCreate, set("v6.example.com", types.RRTypeAaaa, 300, "192.0.2.1"))},
			[]string{"Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address) encountered with '192.0.2.1''"}},
		{"unquoted TXT", []types.Change{change(types.ChangeActionCreate, set("t.example.com", types.RRTypeTxt, 300, "hello"))},
			[]string{"Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with 'hello''"}},
		{"duplicate value", []types.Change{change(types.ChangeActionCreate, set("d.example.com", types.RRTypeA, 300, "192.0.2.1", "192.0.2.1"))},
			[]string{"Duplicate Resource Record: '192.0.2.1'"}},
		{"delete apex SOA", []types.Change{change(types.ChangeActionDelete, &soa)},
			[]string{"A HostedZone must contain exactly one SOA record."}},
		{"several refusals", []types.Change{
			change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 300, "192.0.2.1")),
			change(types.ChangeActionDelete, set("gone.example.com", types.RRTypeTxt, 300, `"x"`)),
		}, []string{
			"Tried to create resource record set [name='www.example.com.', type='A'] but it already exists",
			"Tried to delete resource record set [name='gone.example.com.', type='TXT'] but it was not found",
		}},
	}
	for _, tc := range batchErrs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.apply(id, tc.changes...)
			wantBatchErr(t, err, tc.msgs...)
		})
	}
	codeErrs := []struct {
		name      string
		zone      string
		changes   []types.Change
		code, msg string
		status    int
	}{
		{"outside the zone", id, []types.Change{change(types.ChangeActionCreate, set("www.example.net", types.RRTypeA, 300, "192.0.2.1"))},
			"InvalidChangeBatch", "RRSet with DNS name www.example.net. is not permitted in zone example.com.", 400},
		{"no TTL", id, []types.Change{change(types.ChangeActionCreate, &types.ResourceRecordSet{Name: aws.String("n.example.com"), Type: types.RRTypeA, ResourceRecords: []types.ResourceRecord{{Value: aws.String("192.0.2.1")}}})},
			"InvalidInput", "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=CREATE, Name=n.example.com., Type=A, SetIdentifier=null]", 400},
		{"weight without identifier", id, []types.Change{change(types.ChangeActionCreate, func() *types.ResourceRecordSet {
			rs := set("w.example.com", types.RRTypeA, 300, "192.0.2.1")
			rs.Weight = aws.Int64(10)
			return rs
		}())}, "InvalidInput", "Invalid request: Missing field 'SetIdentifier' in Change with [Action=CREATE, Name=w.example.com., Type=A, SetIdentifier=null]", 400},
		{"health check", id, []types.Change{change(types.ChangeActionCreate, func() *types.ResourceRecordSet {
			rs := set("h.example.com", types.RRTypeA, 300, "192.0.2.1")
			rs.HealthCheckId = aws.String("abc")
			return rs
		}())}, "NoSuchHealthCheck", "", 404},
		{"missing zone", "ZNOPE", []types.Change{change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 300, "192.0.2.1"))},
			"NoSuchHostedZone", "No hosted zone found with ID: ZNOPE", 404},
	}
	for _, tc := range codeErrs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := h.apply(tc.zone, tc.changes...)
			wantErr(t, err, tc.code, tc.status, tc.msg)
		})
	}
	got := summary(h.sets(t, id))
	if len(got) != 4 {
		t.Errorf("refused batches changed the zone: %q", got)
	}
}

// TestChangeBatchAtomic: a batch with one bad change applies nothing.
func TestChangeBatchAtomic(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	h.mustApply(t, id, change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 300, "192.0.2.1")))
	before := summary(h.sets(t, id))
	_, err := h.apply(id,
		change(types.ChangeActionCreate, set("new.example.com", types.RRTypeA, 300, "192.0.2.2")),
		change(types.ChangeActionUpsert, set("www.example.com", types.RRTypeA, 300, "192.0.2.3")),
		change(types.ChangeActionDelete, set("www.example.com", types.RRTypeA, 300, "192.0.2.1")),
	)
	// The DELETE sees the UPSERT before it: the values no longer match.
	wantBatchErr(t, err, "Tried to delete resource record set [name='www.example.com.', type='A'] but the values provided do not match the current values")
	if after := summary(h.sets(t, id)); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("a refused batch changed the zone:\n%s\nwas\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
	}
}

func TestAliasTargets(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	other := h.createZone(t, "example.org")
	h.mustApply(t, id, change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 300, "192.0.2.1")))
	alias := func(name, zone, target string) *types.ResourceRecordSet {
		return &types.ResourceRecordSet{Name: aws.String(name), Type: types.RRTypeA, AliasTarget: &types.AliasTarget{
			HostedZoneId: aws.String(zone), DNSName: aws.String(target), EvaluateTargetHealth: true,
		}}
	}
	h.mustApply(t, id,
		change(types.ChangeActionCreate, alias("example.com", id, "WWW.example.com")),
		change(types.ChangeActionCreate, alias("lb.example.com", "Z35SXDOTRQ7X7K", "dualstack.my-lb-123.us-east-1.elb.amazonaws.com")),
	)
	got := summary(h.sets(t, id))
	want := []string{
		"example.com. A alias=" + id + "/www.example.com.",
		"lb.example.com. A alias=Z35SXDOTRQ7X7K/dualstack.my-lb-123.us-east-1.elb.amazonaws.com.",
	}
	if got[0] != want[0] || got[3] != want[1] {
		t.Errorf("aliases %q, want %q", got, want)
	}
	_, err := h.apply(id, change(types.ChangeActionCreate, alias("a.example.com", id, "missing.example.com")))
	wantBatchErr(t, err, "Tried to create an alias that targets missing.example.com., type A in zone "+id+", but that target was not found")
	_, err = h.apply(id, change(types.ChangeActionCreate, alias("b.example.com", other, "www.example.com")))
	wantBatchErr(t, err, "Tried to create an alias that targets www.example.com., type A in zone "+other+", but the alias target name does not lie within the target zone")
	// An alias and a TTL is one too many.
	both := alias("c.example.com", id, "www.example.com")
	both.TTL = aws.Int64(60)
	_, err = h.apply(id, change(types.ChangeActionCreate, both))
	wantErr(t, err, "InvalidInput", 400, "")
}

func TestWeightedRecordSets(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	weighted := func(sid string, w int64, ip string) *types.ResourceRecordSet {
		rs := set("w.example.com", types.RRTypeA, 60, ip)
		rs.SetIdentifier, rs.Weight = aws.String(sid), aws.Int64(w)
		return rs
	}
	h.mustApply(t, id,
		change(types.ChangeActionCreate, weighted("blue", 10, "192.0.2.1")),
		change(types.ChangeActionCreate, weighted("green", 90, "192.0.2.2")),
	)
	sets := h.sets(t, id)
	got := summary(sets)
	if got[2] != "w.example.com. A id=blue 60 192.0.2.1" || got[3] != "w.example.com. A id=green 60 192.0.2.2" || aws.ToInt64(sets[3].Weight) != 90 {
		t.Errorf("weighted sets %q", got)
	}
	_, err := h.apply(id, change(types.ChangeActionCreate, set("w.example.com", types.RRTypeA, 60, "192.0.2.3")))
	wantBatchErr(t, err, "RRSet with DNS name w.example.com., type A cannot be created as weighted sets exist with the same name and type.")
	_, err = h.apply(id, change(types.ChangeActionCreate, weighted("blue", 10, "192.0.2.1")))
	wantBatchErr(t, err, "Tried to create resource record set [name='w.example.com.', type='A', set-identifier='blue'] but it already exists")
}

func TestGetChange(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	out, err := h.apply(id, change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 300, "192.0.2.1")))
	if err != nil {
		t.Fatal(err)
	}
	if out.ChangeInfo.Status != types.ChangeStatusPending {
		t.Fatalf("new change is %s, want PENDING", out.ChangeInfo.Status)
	}
	get := func(id string) *route53.GetChangeOutput {
		return must[*route53.GetChangeOutput](t)(h.r53.GetChange(ctx, &route53.GetChangeInput{Id: aws.String(id)}))
	}
	h.clk.Step(time.Second)
	if st := get(*out.ChangeInfo.Id).ChangeInfo.Status; st != types.ChangeStatusPending {
		t.Errorf("after 1s: %s, want PENDING", st)
	}
	h.clk.Step(time.Second)
	got := get(strings.TrimPrefix(*out.ChangeInfo.Id, "/change/")).ChangeInfo
	if got.Status != types.ChangeStatusInsync || !got.SubmittedAt.Equal(epoch) || *got.Id != *out.ChangeInfo.Id {
		t.Errorf("after 2s: %s submitted %v id %s, want INSYNC at %v", got.Status, got.SubmittedAt, *got.Id, epoch)
	}
	_, err = h.r53.GetChange(ctx, &route53.GetChangeInput{Id: aws.String("CNOPE")})
	wantErr(t, err, "NoSuchChange", 404, "")
	// The SDK's waiter sees INSYNC.
	w := route53.NewResourceRecordSetsChangedWaiter(h.r53)
	if err := w.Wait(ctx, &route53.GetChangeInput{Id: out.ChangeInfo.Id}, time.Minute); err != nil {
		t.Errorf("ResourceRecordSetsChanged waiter: %v", err)
	}
}
