package ec2_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

func TestPagingVpcs(t *testing.T) {
	h := start(t, fakeec2.Config{VpcLimit: 20})
	var want []string
	for i := 0; i < 12; i++ {
		want = append(want, aws.ToString(h.createVpc(t, h.ec2, fmt.Sprintf("10.%d.0.0/16", i), "Name", fmt.Sprintf("v%d", i)).VpcId))
	}
	sort.Strings(want)
	for _, max := range []int32{5, 6, 12, 1000} {
		t.Run(fmt.Sprint(max), func(t *testing.T) {
			p := ec2.NewDescribeVpcsPaginator(h.ec2, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(max)})
			var got []string
			pages := 0
			for p.HasMorePages() {
				out := must[*ec2.DescribeVpcsOutput](t)(p.NextPage(ctx))
				if len(out.Vpcs) > int(max) {
					t.Fatalf("page of %d with MaxResults %d", len(out.Vpcs), max)
				}
				pages++
				for _, v := range out.Vpcs {
					got = append(got, aws.ToString(v.VpcId))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("paged %v, want %v in ID order", got, want)
			}
			if wantPages := (12 + int(max) - 1) / int(max); pages != wantPages {
				t.Fatalf("%d pages, want %d", pages, wantPages)
			}
		})
	}
	// Filters apply before paging: pages are full of matches.
	out := must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{
		MaxResults: aws.Int32(5), Filters: []types.Filter{filter("tag:Name", "v1*")},
	}))
	if len(out.Vpcs) != 3 || out.NextToken != nil {
		t.Fatalf("v1* = %d VPCs, next %v", len(out.Vpcs), out.NextToken)
	}
	// IDs and MaxResults together page too.
	out = must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5), VpcIds: want[:7]}))
	if len(out.Vpcs) != 5 || out.NextToken == nil {
		t.Fatalf("7 IDs with MaxResults 5 = %d, next %v", len(out.Vpcs), out.NextToken)
	}
	out = must[*ec2.DescribeVpcsOutput](t)(h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(5), VpcIds: want[:7], NextToken: out.NextToken}))
	if len(out.Vpcs) != 2 || aws.ToString(out.Vpcs[1].VpcId) != want[6] {
		t.Fatalf("second page of IDs = %d", len(out.Vpcs))
	}
}

func TestPagingErrors(t *testing.T) {
	h := start(t, fakeec2.Config{})
	for _, tc := range []struct {
		name string
		call func() error
		code string
		msg  string
	}{
		{"below min", func() error {
			_, err := h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{MaxResults: aws.Int32(4)})
			return err
		}, "InvalidParameterValue", "Value ( 4 ) for parameter maxResults is invalid"},
		{"above max", func() error {
			_, err := h.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{MaxResults: aws.Int32(1001)})
			return err
		}, "InvalidParameterValue", "Value ( 1001 ) for parameter maxResults is invalid"},
		{"route tables max 100", func() error {
			_, err := h.ec2.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{MaxResults: aws.Int32(101)})
			return err
		}, "InvalidParameterValue", ""},
		{"bad token", func() error {
			_, err := h.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{NextToken: aws.String("not a token")})
			return err
		}, "InvalidPaginationToken", ""},
		{"ENI IDs with MaxResults", func() error {
			_, err := h.ec2.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{
				MaxResults: aws.Int32(5), NetworkInterfaceIds: []string{"eni-0123456789abcdef0"},
			})
			return err
		}, "InvalidParameterCombination", "networkInterfaceIdSet"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.call(), tc.code, tc.msg) })
	}
}

func TestPagingOtherKinds(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	for i := 0; i < 11; i++ {
		h.createSubnet(t, h.ec2, vpcID, fmt.Sprintf("10.0.%d.0/24", i), "")
		h.createGroup(t, vpcID, fmt.Sprintf("g%d", i))
	}
	subnets := 0
	ps := ec2.NewDescribeSubnetsPaginator(h.ec2, &ec2.DescribeSubnetsInput{MaxResults: aws.Int32(5)})
	for ps.HasMorePages() {
		subnets += len(must[*ec2.DescribeSubnetsOutput](t)(ps.NextPage(ctx)).Subnets)
	}
	groups := 0
	pg := ec2.NewDescribeSecurityGroupsPaginator(h.ec2, &ec2.DescribeSecurityGroupsInput{MaxResults: aws.Int32(5)})
	for pg.HasMorePages() {
		groups += len(must[*ec2.DescribeSecurityGroupsOutput](t)(pg.NextPage(ctx)).SecurityGroups)
	}
	rules := 0
	pr := ec2.NewDescribeSecurityGroupRulesPaginator(h.ec2, &ec2.DescribeSecurityGroupRulesInput{MaxResults: aws.Int32(5)})
	for pr.HasMorePages() {
		rules += len(must[*ec2.DescribeSecurityGroupRulesOutput](t)(pr.NextPage(ctx)).SecurityGroupRules)
	}
	if subnets != 11 || groups != 12 || rules != 13 {
		t.Fatalf("paged %d subnets, %d groups, %d rules; want 11, 12, 13", subnets, groups, rules)
	}
}
