package ec2_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

// recorded returns the recorded content of a test of LocalStack's EC2
// snapshot (responses of real AWS), skipping when the file is absent.
func recorded(t *testing.T, test string) map[string]any {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "testdata", "aws-recorded", "test_ec2.snapshot.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("recorded AWS responses not available: %v", err)
	}
	var all map[string]struct {
		Content map[string]any `json:"recorded-content"`
	}
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	e, ok := all["tests/aws/services/ec2/test_ec2.py::"+test]
	if !ok {
		t.Fatalf("no recorded test %s", test)
	}
	return e.Content
}

func field(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

// The recorded account is 111111111111 and the region <region>.
func fill(s string) string {
	return strings.NewReplacer("<region>", "us-east-1", "111111111111", account, "<partition>", "aws").Replace(s)
}

func TestRecordedAvailabilityZones(t *testing.T) {
	h := start(t, fakeec2.Config{})
	for _, tc := range []struct {
		test string
		in   ec2.DescribeAvailabilityZonesInput
	}{
		{"test_describe_availability_zones_filter_with_zone_names", ec2.DescribeAvailabilityZonesInput{ZoneNames: []string{"us-east-1a"}}},
		{"test_describe_availability_zones_filter_with_zone_ids", ec2.DescribeAvailabilityZonesInput{ZoneIds: []string{"use1-az1"}}},
		{"test_describe_availability_zones_filters", ec2.DescribeAvailabilityZonesInput{Filters: []types.Filter{filter("zone-name", "us-east-1a")}}},
	} {
		t.Run(tc.test, func(t *testing.T) {
			want := field(recorded(t, tc.test), "availability_zones", "AvailabilityZones").([]any)[0].(map[string]any)
			in := tc.in
			got := must[*ec2.DescribeAvailabilityZonesOutput](t)(h.ec2.DescribeAvailabilityZones(ctx, &in)).AvailabilityZones
			if len(got) != 1 {
				t.Fatalf("%d zones", len(got))
			}
			z := got[0]
			have := map[string]string{
				"GroupLongName": aws.ToString(z.GroupLongName), "GroupName": aws.ToString(z.GroupName),
				"NetworkBorderGroup": aws.ToString(z.NetworkBorderGroup), "OptInStatus": string(z.OptInStatus),
				"RegionName": aws.ToString(z.RegionName), "State": string(z.State), "ZoneId": aws.ToString(z.ZoneId),
				"ZoneName": aws.ToString(z.ZoneName), "ZoneType": aws.ToString(z.ZoneType),
			}
			for k, v := range have {
				if w := fill(want[k].(string)); v != w {
					t.Errorf("%s = %q, AWS said %q", k, v, w)
				}
			}
			if msgs := want["Messages"].([]any); len(msgs) != len(z.Messages) {
				t.Errorf("Messages = %v, AWS said %v", z.Messages, msgs)
			}
		})
	}
}

func TestRecordedRouteTableAssociation(t *testing.T) {
	want := field(recorded(t, "TestEc2Integrations::test_create_route_table_association"), "route_tables").([]any)[0].(map[string]any)
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	subID := aws.ToString(h.createSubnet(t, h.ec2, vpcID, "10.0.0.0/24", "").SubnetId)
	rtID := aws.ToString(must[*ec2.CreateRouteTableOutput](t)(h.ec2.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: aws.String(vpcID)})).RouteTable.RouteTableId)
	assoc := must[*ec2.AssociateRouteTableOutput](t)(h.ec2.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: aws.String(rtID), SubnetId: aws.String(subID)}))
	rt := h.routeTable(t, rtID)
	a := want["Associations"].([]any)[0].(map[string]any)
	r := want["Routes"].([]any)[0].(map[string]any)
	got := rt.Associations[0]
	if aws.ToBool(got.Main) != a["Main"].(bool) || string(got.AssociationState.State) != field(a, "AssociationState", "State").(string) ||
		aws.ToString(got.RouteTableAssociationId) != aws.ToString(assoc.AssociationId) || aws.ToString(got.SubnetId) != subID {
		t.Errorf("association = %+v, AWS said %v", got, a)
	}
	route := rt.Routes[0]
	if aws.ToString(route.DestinationCidrBlock) != r["DestinationCidrBlock"] || aws.ToString(route.GatewayId) != r["GatewayId"] ||
		string(route.Origin) != r["Origin"] || string(route.State) != r["State"] {
		t.Errorf("route = %+v, AWS said %v", route, r)
	}
	if aws.ToString(rt.OwnerId) != fill(want["OwnerId"].(string)) || len(rt.PropagatingVgws) != 0 || len(rt.Tags) != 0 {
		t.Errorf("route table = %+v, AWS said %v", rt, want)
	}
}

func TestRecordedVpcAndSecurityGroup(t *testing.T) {
	rec := recorded(t, "TestEc2Integrations::test_get_security_groups_for_vpc")
	want := field(rec, "create_vpc_response", "Vpc").(map[string]any)
	h := start(t, fakeec2.Config{})
	v := h.createVpc(t, h.ec2, want["CidrBlock"].(string), "test-key", "test-value")
	if string(v.State) != want["State"] || aws.ToBool(v.IsDefault) != want["IsDefault"] || aws.ToString(v.OwnerId) != fill(want["OwnerId"].(string)) ||
		len(v.Ipv6CidrBlockAssociationSet) != 0 || v.Ipv6CidrBlockAssociationSet == nil ||
		string(v.CidrBlockAssociationSet[0].CidrBlockState.State) != field(want["CidrBlockAssociationSet"].([]any)[0], "CidrBlockState", "State") ||
		tagMap(v.Tags)["test-key"] != "test-value" {
		t.Errorf("CreateVpc = %+v, AWS said %v", v, want)
	}
	// The recording hides the tenancy behind the default group's name:
	// both are "default".
	groups := field(rec, "get_security_groups_for_vpc", "SecurityGroupForVpcs").([]any)
	def := groups[0].(map[string]any)
	sg := must[*ec2.DescribeSecurityGroupsOutput](t)(h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{
		Filters: []types.Filter{filter("vpc-id", aws.ToString(v.VpcId))},
	})).SecurityGroups[0]
	name := aws.ToString(sg.GroupName)
	if string(v.InstanceTenancy) != name || aws.ToString(sg.Description) != strings.ReplaceAll(def["Description"].(string), "<group-name:1>", name) {
		t.Errorf("default group %q %q, AWS said %v", name, aws.ToString(sg.Description), def)
	}
	created := must[*ec2.CreateSecurityGroupOutput](t)(h.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("g2"), Description: aws.String("Description for g2"), VpcId: v.VpcId,
	}))
	wantArn := strings.ReplaceAll(fill(field(rec, "create_security_group", "SecurityGroupArn").(string)), "<group-id:2>", aws.ToString(created.GroupId))
	if aws.ToString(created.SecurityGroupArn) != wantArn {
		t.Errorf("SecurityGroupArn = %s, want %s", aws.ToString(created.SecurityGroupArn), wantArn)
	}
}
