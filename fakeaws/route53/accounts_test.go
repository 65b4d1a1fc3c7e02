package route53_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
)

// TestAccountIsolation: nothing of one account's Route 53 is visible to
// another.
func TestAccountIsolation(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	out, err := h.apply(id, change(types.ChangeActionCreate, set("www.example.com", types.RRTypeA, 300, "192.0.2.1")))
	if err != nil {
		t.Fatal(err)
	}
	other := h.other()
	_, err = other.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
	_, err = other.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id)})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
	_, err = other.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(id), ChangeBatch: &types.ChangeBatch{
		Changes: []types.Change{change(types.ChangeActionDelete, set("www.example.com", types.RRTypeA, 300, "192.0.2.1"))},
	}})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
	_, err = other.GetChange(ctx, &route53.GetChangeInput{Id: out.ChangeInfo.Id})
	wantErr(t, err, "NoSuchChange", 404, "")
	_, err = other.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String(id)})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
	_, err = other.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{ResourceType: types.TagResourceTypeHostedzone, ResourceId: aws.String(id)})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
	list := must[*route53.ListHostedZonesOutput](t)(other.ListHostedZones(ctx, &route53.ListHostedZonesInput{}))
	byName := must[*route53.ListHostedZonesByNameOutput](t)(other.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{}))
	count := must[*route53.GetHostedZoneCountOutput](t)(other.GetHostedZoneCount(ctx, &route53.GetHostedZoneCountInput{}))
	if len(list.HostedZones) != 0 || len(byName.HostedZones) != 0 || aws.ToInt64(count.HostedZoneCount) != 0 {
		t.Errorf("other account sees %d zones, %d by name, count %d", len(list.HostedZones), len(byName.HostedZones), aws.ToInt64(count.HostedZoneCount))
	}
	// The same caller reference and name are the other account's own.
	mine := must[*route53.CreateHostedZoneOutput](t)(other.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("example.com"), CallerReference: aws.String("ref-example.com")}))
	if bare(*mine.HostedZone.Id) == id {
		t.Errorf("the other account's zone reuses ID %s", id)
	}
	if got := h.sets(t, id); len(got) != 3 {
		t.Errorf("the first account's zone changed: %q", summary(got))
	}
}
