package route53_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

func TestCreateHostedZone(t *testing.T) {
	h := start(t)
	out := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name:             aws.String("Example.COM"),
		CallerReference:  aws.String("ref-1"),
		HostedZoneConfig: &types.HostedZoneConfig{Comment: aws.String("the zone")},
	}))
	if raw, ok := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response); !ok || raw.StatusCode != http.StatusCreated {
		t.Errorf("CreateHostedZone status: %v, want 201", raw)
	}
	hz := out.HostedZone
	if !reZoneID.MatchString(*hz.Id) {
		t.Errorf("zone ID %q, want /hostedzone/Z…", *hz.Id)
	}
	id := bare(*hz.Id)
	if got := aws.ToString(out.Location); got != "https://route53.amazonaws.com/2013-04-01/hostedzone/"+id {
		t.Errorf("Location %q", got)
	}
	if *hz.Name != "example.com." || *hz.CallerReference != "ref-1" || aws.ToInt64(hz.ResourceRecordSetCount) != 2 {
		t.Errorf("zone %q ref %q count %d", *hz.Name, *hz.CallerReference, aws.ToInt64(hz.ResourceRecordSetCount))
	}
	if hz.Config == nil || hz.Config.PrivateZone || aws.ToString(hz.Config.Comment) != "the zone" {
		t.Errorf("config %+v", hz.Config)
	}
	ci := out.ChangeInfo
	if !reChangeID.MatchString(*ci.Id) || ci.Status != types.ChangeStatusPending || !ci.SubmittedAt.Equal(epoch) {
		t.Errorf("change info %q %s %v", *ci.Id, ci.Status, ci.SubmittedAt)
	}
	ns := out.DelegationSet.NameServers
	if len(ns) != 4 {
		t.Fatalf("name servers %v, want 4", ns)
	}
	tlds := map[string]bool{}
	for _, n := range ns {
		if !reNS.MatchString(n) {
			t.Errorf("name server %q is not shaped like AWS's", n)
		}
		tlds[n[strings.Index(n, ".awsdns-")+11:]] = true
	}
	if len(tlds) != 4 {
		t.Errorf("name servers %v do not spread over com, net, org, co.uk", ns)
	}
	got := summary(h.sets(t, id))
	want := []string{
		"example.com. NS 172800 " + strings.Join(ns, ". ") + ".",
		"example.com. SOA 900 " + ns[0] + ". awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("apex records:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	get := must[*route53.GetHostedZoneOutput](t)(h.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: hz.Id}))
	if *get.HostedZone.Id != *hz.Id || strings.Join(get.DelegationSet.NameServers, ",") != strings.Join(ns, ",") || len(get.VPCs) != 0 {
		t.Errorf("GetHostedZone %+v %+v", get.HostedZone, get.DelegationSet)
	}
}

func TestCreateHostedZoneCallerReference(t *testing.T) {
	h := start(t)
	in := &route53.CreateHostedZoneInput{Name: aws.String("example.com"), CallerReference: aws.String("same")}
	first := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, in))
	h.clk.Step(10)
	retry := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, in))
	if *retry.HostedZone.Id != *first.HostedZone.Id || *retry.ChangeInfo.Id != *first.ChangeInfo.Id {
		t.Errorf("retried create made zone %s change %s, want %s %s", *retry.HostedZone.Id, *retry.ChangeInfo.Id, *first.HostedZone.Id, *first.ChangeInfo.Id)
	}
	_, err := h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String("other.com"), CallerReference: aws.String("same")})
	wantErr(t, err, "HostedZoneAlreadyExists", http.StatusConflict, "A hosted zone has already been created with the specified caller reference.")
	count := must[*route53.GetHostedZoneCountOutput](t)(h.r53.GetHostedZoneCount(ctx, &route53.GetHostedZoneCountInput{}))
	if aws.ToInt64(count.HostedZoneCount) != 1 {
		t.Errorf("zone count %d, want 1", aws.ToInt64(count.HostedZoneCount))
	}
}

func TestCreatePrivateHostedZone(t *testing.T) {
	h := start(t)
	out := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name:             aws.String("internal.example"),
		CallerReference:  aws.String("p"),
		HostedZoneConfig: &types.HostedZoneConfig{Comment: aws.String("test"), PrivateZone: true},
		VPC:              &types.VPC{VPCId: aws.String("vpc-0123456789abcdef0"), VPCRegion: types.VPCRegionUsEast1},
	}))
	if !out.HostedZone.Config.PrivateZone || out.DelegationSet != nil || out.VPC == nil || *out.VPC.VPCId != "vpc-0123456789abcdef0" {
		t.Errorf("private zone: config %+v delegation %v vpc %+v", out.HostedZone.Config, out.DelegationSet, out.VPC)
	}
	get := must[*route53.GetHostedZoneOutput](t)(h.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: out.HostedZone.Id}))
	if get.DelegationSet != nil || len(get.VPCs) != 1 || get.VPCs[0].VPCRegion != types.VPCRegionUsEast1 {
		t.Errorf("GetHostedZone of a private zone: delegation %v vpcs %+v", get.DelegationSet, get.VPCs)
	}
	got := summary(h.sets(t, bare(*out.HostedZone.Id)))
	want := "internal.example. NS 172800 ns-1536.awsdns-00.co.uk. ns-0.awsdns-00.com. ns-1024.awsdns-00.org. ns-512.awsdns-00.net."
	if len(got) != 2 || got[0] != want {
		t.Errorf("private zone records %q", got)
	}
	byVPC := must[*route53.ListHostedZonesByVPCOutput](t)(h.r53.ListHostedZonesByVPC(ctx, &route53.ListHostedZonesByVPCInput{
		VPCId: aws.String("vpc-0123456789abcdef0"), VPCRegion: types.VPCRegionUsEast1,
	}))
	if len(byVPC.HostedZoneSummaries) != 1 || *byVPC.HostedZoneSummaries[0].Owner.OwningAccount != account || *byVPC.HostedZoneSummaries[0].Name != "internal.example." {
		t.Errorf("ListHostedZonesByVPC %+v", byVPC.HostedZoneSummaries)
	}
}

func TestCreateHostedZoneErrors(t *testing.T) {
	h := start(t)
	tests := []struct {
		name   string
		in     route53.CreateHostedZoneInput
		code   string
		status int
		msg    string
	}{
		{"empty label", route53.CreateHostedZoneInput{Name: aws.String("a..example.com")}, "InvalidDomainName", 400, "a..example.com is not a valid domain name."},
		{"label too long", route53.CreateHostedZoneInput{Name: aws.String(strings.Repeat("x", 64) + ".com")}, "InvalidDomainName", 400, ""},
		{"private without VPC", route53.CreateHostedZoneInput{Name: aws.String("p.example"), HostedZoneConfig: &types.HostedZoneConfig{PrivateZone: true}}, "InvalidInput", 400, ""},
		{"bad VPC ID", route53.CreateHostedZoneInput{Name: aws.String("p.example"), VPC: &types.VPC{VPCId: aws.String("vpc-nope"), VPCRegion: types.VPCRegionUsEast1}}, "InvalidVPCId", 400, "The VPC ID is invalid."},
		{"delegation set", route53.CreateHostedZoneInput{Name: aws.String("d.example"), DelegationSetId: aws.String("N123")}, "NoSuchDelegationSet", 400, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.CallerReference = aws.String(tc.name)
			_, err := h.r53.CreateHostedZone(ctx, &tc.in)
			wantErr(t, err, tc.code, tc.status, tc.msg)
		})
	}
	list := must[*route53.ListHostedZonesOutput](t)(h.r53.ListHostedZones(ctx, &route53.ListHostedZonesInput{}))
	if len(list.HostedZones) != 0 {
		t.Errorf("refused creates left zones: %+v", list.HostedZones)
	}
}

func TestGetHostedZoneMissing(t *testing.T) {
	h := start(t)
	_, err := h.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String("/hostedzone/ZNOPE")})
	wantErr(t, err, "NoSuchHostedZone", 404, "No hosted zone found with ID: ZNOPE")
	_, err = h.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(strings.Repeat("Z", 33))})
	wantErr(t, err, "InvalidInput", 400, "")
}

func TestDeleteHostedZone(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	a := set("www.example.com", types.RRTypeA, 300, "192.0.2.1")
	h.mustApply(t, id, change(types.ChangeActionCreate, a))
	_, err := h.r53.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String(id)})
	wantErr(t, err, "HostedZoneNotEmpty", 400, "The specified hosted zone contains non-required resource record sets and so cannot be deleted.")

	h.mustApply(t, id, change(types.ChangeActionDelete, a))
	out := must[*route53.DeleteHostedZoneOutput](t)(h.r53.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String("/hostedzone/" + id)}))
	if !reChangeID.MatchString(*out.ChangeInfo.Id) || out.ChangeInfo.Status != types.ChangeStatusPending {
		t.Errorf("delete change %+v", out.ChangeInfo)
	}
	_, err = h.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
	_, err = h.r53.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String(id)})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
	_, err = h.r53.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id)})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
	// The caller reference is free again.
	h.createZone(t, "example.com")
}

func TestUpdateHostedZoneComment(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	out := must[*route53.UpdateHostedZoneCommentOutput](t)(h.r53.UpdateHostedZoneComment(ctx, &route53.UpdateHostedZoneCommentInput{Id: aws.String(id), Comment: aws.String("new")}))
	if aws.ToString(out.HostedZone.Config.Comment) != "new" {
		t.Errorf("comment %+v", out.HostedZone.Config)
	}
	get := must[*route53.GetHostedZoneOutput](t)(h.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)}))
	if aws.ToString(get.HostedZone.Config.Comment) != "new" {
		t.Errorf("comment after get %+v", get.HostedZone.Config)
	}
}

func TestHostedZoneLimitsAndDNSSEC(t *testing.T) {
	h := start(t)
	id := h.createZone(t, "example.com")
	lim := must[*route53.GetHostedZoneLimitOutput](t)(h.r53.GetHostedZoneLimit(ctx, &route53.GetHostedZoneLimitInput{HostedZoneId: aws.String(id), Type: types.HostedZoneLimitTypeMaxRrsetsByZone}))
	if lim.Count != 2 || aws.ToInt64(lim.Limit.Value) != 10000 || lim.Limit.Type != types.HostedZoneLimitTypeMaxRrsetsByZone {
		t.Errorf("limit %+v count %d", lim.Limit, lim.Count)
	}
	_, err := h.r53.GetHostedZoneLimit(ctx, &route53.GetHostedZoneLimitInput{HostedZoneId: aws.String(id), Type: types.HostedZoneLimitTypeMaxVpcsAssociatedByZone})
	wantErr(t, err, "HostedZoneNotPrivate", 400, "")
	sec := must[*route53.GetDNSSECOutput](t)(h.r53.GetDNSSEC(ctx, &route53.GetDNSSECInput{HostedZoneId: aws.String(id)}))
	if aws.ToString(sec.Status.ServeSignature) != "NOT_SIGNING" || len(sec.KeySigningKeys) != 0 {
		t.Errorf("DNSSEC %+v", sec.Status)
	}
	_, err = h.r53.GetDNSSEC(ctx, &route53.GetDNSSECInput{HostedZoneId: aws.String("ZNOPE")})
	wantErr(t, err, "NoSuchHostedZone", 404, "")
}
