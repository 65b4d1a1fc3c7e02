package route53_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

func TestRecordedErrors(t *testing.T) {
	rec := fakeawstest.Recorded(t, "test_route53.snapshot.json")
	h := start(t)
	_, errZone := h.r53.DeleteHostedZone(ctx, &route53.DeleteHostedZoneInput{Id: aws.String("asdf1234")})
	_, errVPC := h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("p.example"), CallerReference: aws.String("x"),
		VPC: &types.VPC{VPCId: aws.String("vpc-nonexistent"), VPCRegion: types.VPCRegionUsEast1},
	})
	tests := []struct {
		name     string
		err      error
		recorded any
	}{
		{"delete a missing zone", errZone, fakeawstest.Dig(t, rec["test_delete_hosted_zone"], "no-such-hosted-zone-error")},
		{"zone in a missing VPC", errVPC, fakeawstest.Dig(t, rec["test_create_hosted_zone_in_non_existent_vpc"], "failure-response")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code := fakeawstest.Dig(t, tc.recorded, "Error", "Code").(string)
			msg := strings.ReplaceAll(fakeawstest.Dig(t, tc.recorded, "Error", "Message").(string), "<hosted-zone-id>", "")
			status := int(fakeawstest.Dig(t, tc.recorded, "ResponseMetadata", "HTTPStatusCode").(float64))
			wantErr(t, tc.err, code, status, msg)
		})
	}
}

func TestRecordedCreateHostedZone(t *testing.T) {
	rec := fakeawstest.Recorded(t, "test_route53.snapshot.json")
	h := start(t)
	out := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("recorded.example"), CallerReference: aws.String("r"),
	}))
	resp := fakeawstest.Dig(t, rec["test_create_hosted_zone"], "create_hosted_zone_response")
	raw, _ := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response)
	if want := int(fakeawstest.Dig(t, resp, "ResponseMetadata", "HTTPStatusCode").(float64)); raw == nil || raw.StatusCode != want {
		t.Errorf("status %v, want %d", raw, want)
	}
	if want := int64(fakeawstest.Dig(t, resp, "HostedZone", "ResourceRecordSetCount").(float64)); aws.ToInt64(out.HostedZone.ResourceRecordSetCount) != want {
		t.Errorf("ResourceRecordSetCount %d, want %d", aws.ToInt64(out.HostedZone.ResourceRecordSetCount), want)
	}
	if want := fakeawstest.Dig(t, resp, "HostedZone", "Config", "PrivateZone").(bool); out.HostedZone.Config.PrivateZone != want {
		t.Errorf("PrivateZone %v, want %v", out.HostedZone.Config.PrivateZone, want)
	}
	wantLoc := strings.ReplaceAll(fakeawstest.Dig(t, resp, "Location").(string), "<zone-id:1>", bare(*out.HostedZone.Id))
	if aws.ToString(out.Location) != wantLoc {
		t.Errorf("Location %q, want %q", aws.ToString(out.Location), wantLoc)
	}

	// A private zone answers with its VPC and no delegation set.
	priv := fakeawstest.Dig(t, rec["test_create_private_hosted_zone"], "create-hosted-zone-response").(map[string]any)
	pout := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("private.example"), CallerReference: aws.String("p"),
		HostedZoneConfig: &types.HostedZoneConfig{Comment: aws.String("test"), PrivateZone: true},
		VPC:              &types.VPC{VPCId: aws.String("vpc-0123456789abcdef0"), VPCRegion: types.VPCRegionUsEast1},
	}))
	_, recDelegation := priv["DelegationSet"]
	if (pout.DelegationSet != nil) != recDelegation || (pout.VPC != nil) != (priv["VPC"] != nil) {
		t.Errorf("private zone: delegation set %v (recorded %v), VPC %v", pout.DelegationSet, recDelegation, pout.VPC)
	}
}
