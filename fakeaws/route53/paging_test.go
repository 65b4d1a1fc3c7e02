package route53_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

func TestListHostedZonesPaging(t *testing.T) {
	h := start(t)
	var ids []string
	for i := range 7 {
		ids = append(ids, h.createZone(t, fmt.Sprintf("zone%d.example", i)))
	}
	slices.Sort(ids)
	var got []string
	pages := 0
	p := route53.NewListHostedZonesPaginator(h.r53, &route53.ListHostedZonesInput{MaxItems: aws.Int32(3)})
	for p.HasMorePages() {
		page := must[*route53.ListHostedZonesOutput](t)(p.NextPage(ctx))
		pages++
		if aws.ToInt32(page.MaxItems) != 3 || page.IsTruncated != (pages < 3) {
			t.Errorf("page %d: MaxItems %d truncated %v", pages, aws.ToInt32(page.MaxItems), page.IsTruncated)
		}
		for _, z := range page.HostedZones {
			got = append(got, bare(*z.Id))
		}
	}
	if pages != 3 || strings.Join(got, ",") != strings.Join(ids, ",") {
		t.Errorf("%d pages listed %v, want 3 pages of %v", pages, got, ids)
	}
	// The marker is the first zone of the next page.
	first := must[*route53.ListHostedZonesOutput](t)(h.r53.ListHostedZones(ctx, &route53.ListHostedZonesInput{MaxItems: aws.Int32(2)}))
	if aws.ToString(first.NextMarker) != ids[2] {
		t.Errorf("NextMarker %q, want %q", aws.ToString(first.NextMarker), ids[2])
	}
	next := must[*route53.ListHostedZonesOutput](t)(h.r53.ListHostedZones(ctx, &route53.ListHostedZonesInput{Marker: first.NextMarker, MaxItems: aws.Int32(2)}))
	if aws.ToString(next.Marker) != ids[2] || bare(*next.HostedZones[0].Id) != ids[2] {
		t.Errorf("page from marker: Marker %q first %q", aws.ToString(next.Marker), *next.HostedZones[0].Id)
	}
	private := must[*route53.ListHostedZonesOutput](t)(h.r53.ListHostedZones(ctx, &route53.ListHostedZonesInput{HostedZoneType: types.HostedZoneTypePrivateHostedZone}))
	if len(private.HostedZones) != 0 {
		t.Errorf("private filter listed %d public zones", len(private.HostedZones))
	}
}

func TestListHostedZonesByName(t *testing.T) {
	h := start(t)
	for _, n := range []string{"b.example.com", "example.net", "a.example.org", "example.com", "a.example.com"} {
		h.createZone(t, n)
	}
	// A second zone with an existing name sorts after it by ID.
	must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("example.net"), CallerReference: aws.String("dup"),
	}))
	all := must[*route53.ListHostedZonesByNameOutput](t)(h.r53.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{}))
	var names []string
	for _, z := range all.HostedZones {
		names = append(names, *z.Name)
	}
	want := "example.com. a.example.com. b.example.com. example.net. example.net. a.example.org."
	if strings.Join(names, " ") != want {
		t.Errorf("by name: %s\nwant %s", strings.Join(names, " "), want)
	}

	// Page through two at a time with NextDNSName and NextHostedZoneId.
	var paged []string
	in := &route53.ListHostedZonesByNameInput{MaxItems: aws.Int32(2)}
	for {
		page := must[*route53.ListHostedZonesByNameOutput](t)(h.r53.ListHostedZonesByName(ctx, in))
		for _, z := range page.HostedZones {
			paged = append(paged, *z.Id)
		}
		if !page.IsTruncated {
			break
		}
		in.DNSName, in.HostedZoneId = page.NextDNSName, page.NextHostedZoneId
	}
	var ids []string
	for _, z := range all.HostedZones {
		ids = append(ids, *z.Id)
	}
	if strings.Join(paged, ",") != strings.Join(ids, ",") {
		t.Errorf("paged %v, want %v", paged, ids)
	}

	from := must[*route53.ListHostedZonesByNameOutput](t)(h.r53.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String("EXAMPLE.NET")}))
	if len(from.HostedZones) != 3 || *from.HostedZones[0].Name != "example.net." || aws.ToString(from.DNSName) != "EXAMPLE.NET" {
		t.Errorf("from example.net: %d zones, first %s", len(from.HostedZones), *from.HostedZones[0].Name)
	}
	_, err := h.r53.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{HostedZoneId: aws.String("Z1")})
	wantErr(t, err, "InvalidInput", 400, "")
}

func TestListResourceRecordSetsPaging(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	var changes []types.Change
	for i := range 12 {
		changes = append(changes,
			change(types.ChangeActionCreate, set(fmt.Sprintf("h%02d.example.com", i), types.RRTypeA, 60, fmt.Sprintf("192.0.2.%d", i+1))),
			change(types.ChangeActionCreate, set(fmt.Sprintf("h%02d.example.com", i), types.RRTypeTxt, 60, fmt.Sprintf(`"%d"`, i))),
		)
	}
	for _, sid := range []string{"a", "b", "c"} {
		rs := set("w.example.com", types.RRTypeA, 60, "192.0.2.200")
		rs.SetIdentifier, rs.Weight = aws.String(sid), aws.Int64(1)
		changes = append(changes, change(types.ChangeActionCreate, rs))
	}
	h.mustApply(t, id, changes...)
	all := summary(h.sets(t, id)) // one page: 29 sets < 300
	if len(all) != 29 {
		t.Fatalf("%d sets, want 29", len(all))
	}
	for _, size := range []int32{1, 4, 7} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			var got []string
			pages := 0
			p := route53.NewListResourceRecordSetsPaginator(h.r53, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id), MaxItems: aws.Int32(size)})
			for p.HasMorePages() {
				page := must[*route53.ListResourceRecordSetsOutput](t)(p.NextPage(ctx))
				pages++
				if len(page.ResourceRecordSets) > int(size) {
					t.Fatalf("page of %d sets, MaxItems %d", len(page.ResourceRecordSets), size)
				}
				got = append(got, summary(page.ResourceRecordSets)...)
			}
			if want := (29 + int(size) - 1) / int(size); pages != want {
				t.Errorf("%d pages, want %d", pages, want)
			}
			if strings.Join(got, "\n") != strings.Join(all, "\n") {
				t.Errorf("paged listing differs:\n%s", strings.Join(got, "\n"))
			}
		})
	}
	// Start at a name and type, and at a set identifier.
	out := must[*route53.ListResourceRecordSetsOutput](t)(h.r53.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{
		HostedZoneId: aws.String(id), StartRecordName: aws.String("H03.example.com"), StartRecordType: types.RRTypeTxt, MaxItems: aws.Int32(2),
	}))
	got := summary(out.ResourceRecordSets)
	if len(got) != 2 || got[0] != `h03.example.com. TXT 60 "3"` || got[1] != "h04.example.com. A 60 192.0.2.5" {
		t.Errorf("from h03 TXT: %q", got)
	}
	if !out.IsTruncated || *out.NextRecordName != "h04.example.com." || out.NextRecordType != types.RRTypeTxt || out.NextRecordIdentifier != nil {
		t.Errorf("next: %v %v %v", aws.ToString(out.NextRecordName), out.NextRecordType, out.NextRecordIdentifier)
	}
	out = must[*route53.ListResourceRecordSetsOutput](t)(h.r53.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{
		HostedZoneId: aws.String(id), StartRecordName: aws.String("w.example.com"), StartRecordType: types.RRTypeA, StartRecordIdentifier: aws.String("b"), MaxItems: aws.Int32(1),
	}))
	if got := summary(out.ResourceRecordSets); len(got) != 1 || got[0] != "w.example.com. A id=b 60 192.0.2.200" || aws.ToString(out.NextRecordIdentifier) != "c" {
		t.Errorf("from w A b: %q next %q", got, aws.ToString(out.NextRecordIdentifier))
	}
	_, err := h.r53.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id), StartRecordType: types.RRTypeA})
	wantErr(t, err, "InvalidInput", 400, "")
}
