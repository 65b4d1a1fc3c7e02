package ec2_test

import (
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

var (
	reVpcID    = regexp.MustCompile(`^vpc-[0-9a-f]{17}$`)
	reSubnetID = regexp.MustCompile(`^subnet-[0-9a-f]{17}$`)
)

func TestCreateVpcComesWithDefaults(t *testing.T) {
	h := start(t, fakeec2.Config{})
	v := h.createVpc(t, h.ec2, "10.1.0.0/16", "Name", "main")
	if !reVpcID.MatchString(aws.ToString(v.VpcId)) {
		t.Fatalf("VpcId %q is not vpc- and 17 hex digits", aws.ToString(v.VpcId))
	}
	if v.State != types.VpcStatePending || aws.ToString(v.CidrBlock) != "10.1.0.0/16" || v.InstanceTenancy != types.TenancyDefault ||
		aws.ToBool(v.IsDefault) || aws.ToString(v.OwnerId) != account || tagMap(v.Tags)["Name"] != "main" {
		t.Fatalf("CreateVpc answered %+v", v)
	}
	if len(v.CidrBlockAssociationSet) != 1 || v.CidrBlockAssociationSet[0].CidrBlockState.State != types.VpcCidrBlockStateCodeAssociated {
		t.Fatalf("CidrBlockAssociationSet = %+v", v.CidrBlockAssociationSet)
	}
	id := aws.ToString(v.VpcId)
	got := must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}}))
	if len(got.Vpcs) != 1 || got.Vpcs[0].State != types.VpcStateAvailable {
		t.Fatalf("DescribeVpcs = %+v", got.Vpcs)
	}

	// The main route table, with the local route.
	rts := must[*ec2.DescribeRouteTablesOutput](t)(h.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{
		Filters: []types.Filter{filter("vpc-id", id), filter("association.main", "true")},
	}))
	if len(rts.RouteTables) != 1 {
		t.Fatalf("main route tables = %d", len(rts.RouteTables))
	}
	rt := rts.RouteTables[0]
	if len(rt.Routes) != 1 || aws.ToString(rt.Routes[0].GatewayId) != "local" || aws.ToString(rt.Routes[0].DestinationCidrBlock) != "10.1.0.0/16" ||
		rt.Routes[0].State != types.RouteStateActive || rt.Routes[0].Origin != types.RouteOriginCreateRouteTable {
		t.Fatalf("main table routes = %+v", rt.Routes)
	}

	// The default security group: all from itself in, all out.
	sgs := must[*ec2.DescribeSecurityGroupsOutput](t)(h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{
		Filters: []types.Filter{filter("vpc-id", id), filter("group-name", "default")},
	}))
	if len(sgs.SecurityGroups) != 1 {
		t.Fatalf("default groups = %d", len(sgs.SecurityGroups))
	}
	sg := sgs.SecurityGroups[0]
	if aws.ToString(sg.Description) != "default VPC security group" || len(sg.IpPermissions) != 1 || len(sg.IpPermissionsEgress) != 1 ||
		aws.ToString(sg.IpPermissions[0].UserIdGroupPairs[0].GroupId) != aws.ToString(sg.GroupId) ||
		aws.ToString(sg.IpPermissionsEgress[0].IpRanges[0].CidrIp) != "0.0.0.0/0" || aws.ToString(sg.IpPermissionsEgress[0].IpProtocol) != "-1" {
		t.Fatalf("default group = %+v", sg)
	}

	// The default network ACL and the DHCP options.
	acls := must[*ec2.DescribeNetworkAclsOutput](t)(h.ec2.DescribeNetworkAcls(ctx, &ec2.DescribeNetworkAclsInput{
		Filters: []types.Filter{filter("vpc-id", id), filter("default", "true")},
	}))
	if len(acls.NetworkAcls) != 1 || len(acls.NetworkAcls[0].Entries) != 4 {
		t.Fatalf("default ACLs = %+v", acls.NetworkAcls)
	}
	dopts := must[*ec2.DescribeDhcpOptionsOutput](t)(h.ec2.DescribeDhcpOptions(ctx, &ec2.DescribeDhcpOptionsInput{
		DhcpOptionsIds: []string{aws.ToString(v.DhcpOptionsId)},
	}))
	cfg := dopts.DhcpOptions[0].DhcpConfigurations
	if len(cfg) != 2 || aws.ToString(cfg[0].Values[0].Value) != "ec2.internal" || aws.ToString(cfg[1].Values[0].Value) != "AmazonProvidedDNS" {
		t.Fatalf("default DHCP options = %+v", cfg)
	}

	// A second VPC shares the region's DHCP options.
	v2 := h.createVpc(t, h.ec2, "10.2.0.0/16")
	if aws.ToString(v2.DhcpOptionsId) != aws.ToString(v.DhcpOptionsId) {
		t.Fatalf("second VPC's DHCP options %s, want %s", aws.ToString(v2.DhcpOptionsId), aws.ToString(v.DhcpOptionsId))
	}
}

func TestCreateVpcValidation(t *testing.T) {
	h := start(t, fakeec2.Config{})
	for _, tc := range []struct {
		cidr, code string
	}{
		{"10.0.0.0/8", "InvalidVpc.Range"},
		{"10.0.0.0/15", "InvalidVpc.Range"},
		{"10.0.0.0/29", "InvalidVpc.Range"},
		{"10.0.0.0/33", "InvalidParameterValue"},
		{"not-a-cidr", "InvalidParameterValue"},
		{"2001:db8::/56", "InvalidParameterValue"},
	} {
		t.Run(tc.cidr, func(t *testing.T) {
			_, err := h.ec2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String(tc.cidr)})
			wantErr(t, err, tc.code, "")
		})
	}
	_, err := h.ec2.CreateVpc(ctx, &ec2.CreateVpcInput{})
	wantErr(t, err, "MissingParameter", "cidrBlock")
	_, err = h.ec2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), TagSpecifications: tagSpec(types.ResourceTypeSubnet, "a", "b")})
	wantErr(t, err, "InvalidParameterValue", "'subnet' is not a valid taggable resource type")
	// Host bits are masked off.
	v := h.createVpc(t, h.ec2, "10.9.8.7/16")
	if aws.ToString(v.CidrBlock) != "10.9.0.0/16" {
		t.Fatalf("CidrBlock = %s", aws.ToString(v.CidrBlock))
	}
	_, err = h.ec2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16"), DryRun: aws.Bool(true)})
	wantErr(t, err, "DryRunOperation", "")
}

func TestVpcLimit(t *testing.T) {
	h := start(t, fakeec2.Config{})
	for i := 0; i < 5; i++ {
		h.createVpc(t, h.ec2, "10.0.0.0/16")
	}
	_, err := h.ec2.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	wantErr(t, err, "VpcLimitExceeded", "The maximum number of VPCs has been reached.")
	// The quota is per region.
	h.createVpc(t, h.client("us-west-2"), "10.0.0.0/16")
}

func TestDescribeVpcsErrorsAndFilters(t *testing.T) {
	h := start(t, fakeec2.Config{})
	a := h.createVpc(t, h.ec2, "10.0.0.0/16", "Name", "web-prod", "env", "prod")
	b := h.createVpc(t, h.ec2, "10.1.0.0/16", "Name", "web-dev", "env", "dev")
	c := h.createVpc(t, h.ec2, "172.16.0.0/16", "Name", "db", "team", "data")
	ids := func(vs []types.Vpc) map[string]bool {
		m := map[string]bool{}
		for _, v := range vs {
			m[aws.ToString(v.VpcId)] = true
		}
		return m
	}
	idA, idB, idC := aws.ToString(a.VpcId), aws.ToString(b.VpcId), aws.ToString(c.VpcId)
	for _, tc := range []struct {
		name    string
		filters []types.Filter
		ids     []string
		want    []string
	}{
		{"tag:K", []types.Filter{filter("tag:env", "prod")}, nil, []string{idA}},
		{"tag:K or", []types.Filter{filter("tag:env", "prod", "dev")}, nil, []string{idA, idB}},
		{"tag:K wildcard", []types.Filter{filter("tag:Name", "web-*")}, nil, []string{idA, idB}},
		{"tag:K question mark", []types.Filter{filter("tag:Name", "web-pro?")}, nil, []string{idA}},
		{"tag-key", []types.Filter{filter("tag-key", "team")}, nil, []string{idC}},
		{"tag-value", []types.Filter{filter("tag-value", "d*")}, nil, []string{idB, idC}},
		{"and", []types.Filter{filter("tag:Name", "web-*"), filter("cidr", "10.1.0.0/16")}, nil, []string{idB}},
		{"cidr-block-association", []types.Filter{filter("cidr-block-association.cidr-block", "172.16.0.0/16")}, nil, []string{idC}},
		{"is-default", []types.Filter{filter("is-default", "false")}, nil, []string{idA, idB, idC}},
		{"state", []types.Filter{filter("state", "available")}, nil, []string{idA, idB, idC}},
		{"owner", []types.Filter{filter("owner-id", account)}, nil, []string{idA, idB, idC}},
		{"dhcp", []types.Filter{filter("dhcp-options-id", aws.ToString(a.DhcpOptionsId))}, nil, []string{idA, idB, idC}},
		{"ids and filters", []types.Filter{filter("tag:env", "prod")}, []string{idA, idB}, []string{idA}},
		{"no match", []types.Filter{filter("tag:env", "staging")}, nil, nil},
		{"escaped star", []types.Filter{filter("tag:Name", `web-\*`)}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: tc.filters, VpcIds: tc.ids}))
			got := ids(out.Vpcs)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for _, id := range tc.want {
				if !got[id] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
	_, err := h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{filter("colour", "blue")}})
	wantErr(t, err, "InvalidParameterValue", "The filter 'colour' is invalid")
	_, err = h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-nothex"}})
	wantErr(t, err, "InvalidVpcID.Malformed", `Invalid id: "vpc-nothex"`)
	_, err = h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{idA, "vpc-0123456789abcdef0"}})
	wantErr(t, err, "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist")
	_, err = h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{"vpc-0123456789abcdef0", "vpc-0123456789abcdef1"}})
	wantErr(t, err, "InvalidVpcID.NotFound", "The vpc IDs 'vpc-0123456789abcdef0, vpc-0123456789abcdef1' do not exist")
}

func TestVpcAttributes(t *testing.T) {
	h := start(t, fakeec2.Config{})
	id := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	attr := func(a types.VpcAttributeName) *ec2.DescribeVpcAttributeOutput {
		return must[*ec2.DescribeVpcAttributeOutput](t)(h.ec2.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: a}))
	}
	if out := attr(types.VpcAttributeNameEnableDnsSupport); !aws.ToBool(out.EnableDnsSupport.Value) || aws.ToString(out.VpcId) != id {
		t.Fatalf("enableDnsSupport = %+v", out.EnableDnsSupport)
	}
	if out := attr(types.VpcAttributeNameEnableDnsHostnames); aws.ToBool(out.EnableDnsHostnames.Value) {
		t.Fatal("enableDnsHostnames starts true")
	}
	must[*ec2.ModifyVpcAttributeOutput](t)(h.ec2.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{
		VpcId: aws.String(id), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)},
	}))
	if out := attr(types.VpcAttributeNameEnableDnsHostnames); !aws.ToBool(out.EnableDnsHostnames.Value) {
		t.Fatal("enableDnsHostnames not set")
	}
	_, err := h.ec2.ModifyVpcAttribute(ctx, &ec2.ModifyVpcAttributeInput{
		VpcId: aws.String(id), EnableDnsHostnames: &types.AttributeBooleanValue{Value: aws.Bool(true)},
		EnableDnsSupport: &types.AttributeBooleanValue{Value: aws.Bool(true)},
	})
	wantErr(t, err, "InvalidParameterCombination", "multiple attribute")
	_, err = h.ec2.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(id), Attribute: "colour"})
	wantErr(t, err, "InvalidParameterValue", "")
	_, err = h.ec2.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String("vpc-0123456789abcdef0"), Attribute: types.VpcAttributeNameEnableDnsSupport})
	wantErr(t, err, "InvalidVpcID.NotFound", "")
}

func TestDhcpOptions(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	out := must[*ec2.CreateDhcpOptionsOutput](t)(h.ec2.CreateDhcpOptions(ctx, &ec2.CreateDhcpOptionsInput{
		DhcpConfigurations: []types.NewDhcpConfiguration{
			{Key: aws.String("domain-name"), Values: []string{"corp.example"}},
			{Key: aws.String("domain-name-servers"), Values: []string{"10.0.0.2", "AmazonProvidedDNS"}},
		},
		TagSpecifications: tagSpec(types.ResourceTypeDhcpOptions, "Name", "corp"),
	}))
	id := aws.ToString(out.DhcpOptions.DhcpOptionsId)
	if len(out.DhcpOptions.DhcpConfigurations) != 2 || len(out.DhcpOptions.DhcpConfigurations[1].Values) != 2 || tagMap(out.DhcpOptions.Tags)["Name"] != "corp" {
		t.Fatalf("CreateDhcpOptions = %+v", out.DhcpOptions)
	}
	must[*ec2.AssociateDhcpOptionsOutput](t)(h.ec2.AssociateDhcpOptions(ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: aws.String(id), VpcId: aws.String(vpcID)}))
	vpcs := must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []types.Filter{filter("dhcp-options-id", id)}}))
	if len(vpcs.Vpcs) != 1 {
		t.Fatalf("VPCs with the new options = %d", len(vpcs.Vpcs))
	}
	_, err := h.ec2.DeleteDhcpOptions(ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: aws.String(id)})
	wantErr(t, err, "DependencyViolation", "The dhcpOptions '"+id+"' has dependencies and cannot be deleted.")

	found := must[*ec2.DescribeDhcpOptionsOutput](t)(h.ec2.DescribeDhcpOptions(ctx, &ec2.DescribeDhcpOptionsInput{
		Filters: []types.Filter{filter("key", "domain-name"), filter("value", "corp.*")},
	}))
	if len(found.DhcpOptions) != 1 || aws.ToString(found.DhcpOptions[0].DhcpOptionsId) != id {
		t.Fatalf("filter by key/value = %+v", found.DhcpOptions)
	}

	must[*ec2.AssociateDhcpOptionsOutput](t)(h.ec2.AssociateDhcpOptions(ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: aws.String("default"), VpcId: aws.String(vpcID)}))
	vpc := must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})).Vpcs[0]
	if aws.ToString(vpc.DhcpOptionsId) != "default" {
		t.Fatalf("DhcpOptionsId = %s, want default", aws.ToString(vpc.DhcpOptionsId))
	}
	must[*ec2.DeleteDhcpOptionsOutput](t)(h.ec2.DeleteDhcpOptions(ctx, &ec2.DeleteDhcpOptionsInput{DhcpOptionsId: aws.String(id)}))
	_, err = h.ec2.DescribeDhcpOptions(ctx, &ec2.DescribeDhcpOptionsInput{DhcpOptionsIds: []string{id}})
	wantErr(t, err, "InvalidDhcpOptionID.NotFound", "")
	_, err = h.ec2.AssociateDhcpOptions(ctx, &ec2.AssociateDhcpOptionsInput{DhcpOptionsId: aws.String(id), VpcId: aws.String(vpcID)})
	wantErr(t, err, "InvalidDhcpOptionID.NotFound", "")
	_, err = h.ec2.CreateDhcpOptions(ctx, &ec2.CreateDhcpOptionsInput{DhcpConfigurations: []types.NewDhcpConfiguration{{Key: aws.String("colour"), Values: []string{"x"}}}})
	wantErr(t, err, "InvalidParameterValue", "")
	_, err = h.ec2.CreateDhcpOptions(ctx, &ec2.CreateDhcpOptionsInput{DhcpConfigurations: []types.NewDhcpConfiguration{{Key: aws.String("domain-name-servers"), Values: []string{"not-an-ip"}}}})
	wantErr(t, err, "InvalidParameterValue", "")
}

func TestRegionAndAccountIsolation(t *testing.T) {
	h := start(t, fakeec2.Config{})
	west := h.client("us-west-2")
	v := h.createVpc(t, west, "10.0.0.0/16", "Name", "west")
	id := aws.ToString(v.VpcId)
	_, err := h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	wantErr(t, err, "InvalidVpcID.NotFound", "")
	if out := must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})); len(out.Vpcs) != 0 {
		t.Fatalf("us-east-1 sees %d VPCs", len(out.Vpcs))
	}
	if out := must[*ec2.DescribeTagsOutput](t)(h.ec2.DescribeTags(ctx, &ec2.DescribeTagsInput{})); len(out.Tags) != 0 {
		t.Fatalf("us-east-1 sees %d tags", len(out.Tags))
	}
	_, err = h.other().DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	wantErr(t, err, "InvalidVpcID.NotFound", "")
	_, err = h.other().DeleteVpc(ctx, &ec2.DeleteVpcInput{VpcId: aws.String(id)})
	wantErr(t, err, "InvalidVpcID.NotFound", "")
	if out := must[*ec2.DescribeVpcsOutput](t)(west.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})); len(out.Vpcs) != 1 {
		t.Fatal("us-west-2 lost its VPC")
	}
	// us-west-2's DHCP options name its own domain.
	dopt := must[*ec2.DescribeDhcpOptionsOutput](t)(west.DescribeDhcpOptions(ctx, &ec2.DescribeDhcpOptionsInput{}))
	if got := aws.ToString(dopt.DhcpOptions[0].DhcpConfigurations[0].Values[0].Value); got != "us-west-2.compute.internal" {
		t.Fatalf("us-west-2 domain-name = %s", got)
	}
}
