package route53_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// recorded reads the responses real AWS gave to LocalStack's Route 53
// tests, kept next to the repository; the test skips without them.
func recorded(t *testing.T) map[string]map[string]any {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "testdata", "aws-recorded", "test_route53.snapshot.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("recorded AWS responses not available: %v", err)
	}
	var all map[string]struct {
		Recorded map[string]any `json:"recorded-content"`
	}
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string]map[string]any{}
	for k, v := range all {
		out[k[strings.LastIndex(k, "::")+2:]] = v.Recorded
	}
	return out
}

func dig(t *testing.T, v any, keys ...string) any {
	t.Helper()
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("recorded response has no %s", k)
		}
		v = m[k]
	}
	return v
}

func TestRecordedErrors(t *testing.T) {
	rec := recorded(t)
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
		{"delete a missing zone", errZone, dig(t, rec["test_delete_hosted_zone"], "no-such-hosted-zone-error")},
		{"zone in a missing VPC", errVPC, dig(t, rec["test_create_hosted_zone_in_non_existent_vpc"], "failure-response")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code := dig(t, tc.recorded, "Error", "Code").(string)
			msg := strings.ReplaceAll(dig(t, tc.recorded, "Error", "Message").(string), "<hosted-zone-id>", "")
			status := int(dig(t, tc.recorded, "ResponseMetadata", "HTTPStatusCode").(float64))
			wantErr(t, tc.err, code, status, msg)
		})
	}
}

func TestRecordedCreateHostedZone(t *testing.T) {
	rec := recorded(t)
	h := start(t)
	out := must[*route53.CreateHostedZoneOutput](t)(h.r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{
		Name: aws.String("recorded.example"), CallerReference: aws.String("r"),
	}))
	resp := dig(t, rec["test_create_hosted_zone"], "create_hosted_zone_response")
	raw, _ := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response)
	if want := int(dig(t, resp, "ResponseMetadata", "HTTPStatusCode").(float64)); raw == nil || raw.StatusCode != want {
		t.Errorf("status %v, want %d", raw, want)
	}
	if want := int64(dig(t, resp, "HostedZone", "ResourceRecordSetCount").(float64)); aws.ToInt64(out.HostedZone.ResourceRecordSetCount) != want {
		t.Errorf("ResourceRecordSetCount %d, want %d", aws.ToInt64(out.HostedZone.ResourceRecordSetCount), want)
	}
	if want := dig(t, resp, "HostedZone", "Config", "PrivateZone").(bool); out.HostedZone.Config.PrivateZone != want {
		t.Errorf("PrivateZone %v, want %v", out.HostedZone.Config.PrivateZone, want)
	}
	wantLoc := strings.ReplaceAll(dig(t, resp, "Location").(string), "<zone-id:1>", bare(*out.HostedZone.Id))
	if aws.ToString(out.Location) != wantLoc {
		t.Errorf("Location %q, want %q", aws.ToString(out.Location), wantLoc)
	}

	// A private zone answers with its VPC and no delegation set.
	priv := dig(t, rec["test_create_private_hosted_zone"], "create-hosted-zone-response").(map[string]any)
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
