package aws

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// tagASGName is the tag Auto Scaling puts on the instances it launches.
const tagASGName = "aws:autoscaling:groupName"

// ec2Finder lists the resources of one EC2 kind that match filters and
// that cluster owns.
type ec2Finder func(ctx context.Context, c *Clients, cluster string, filters []ec2types.Filter) ([]Resource, error)

// findEC2 runs every EC2 finder twice, once per ownership tag (a Describe
// cannot OR two tag filters), concurrently; sortResources merges the two.
func findEC2(ctx context.Context, c *Clients, cluster string) ([]Resource, error) {
	finders := []ec2Finder{
		findInstances, findVolumes, findSecurityGroups, findSubnets, findRouteTables, findNatGateways,
		findElasticIPs, findInternetGateways, findVPCs, findDHCPOptions, findKeypairs, findLaunchTemplates,
	}
	var jobs []func(context.Context) ([]Resource, error)
	for _, f := range finders {
		for _, fs := range ownedFilters(cluster) {
			jobs = append(jobs, func(ctx context.Context) ([]Resource, error) { return f(ctx, c, cluster, fs) })
		}
	}
	return gather(ctx, jobs)
}

// ownedFilters are the two tag filters that select a cluster's EC2
// resources; ownedBy then drops the shared ones.
func ownedFilters(cluster string) [][]ec2types.Filter {
	return [][]ec2types.Filter{
		{{Name: aws.String("tag:" + TagCluster), Values: []string{cluster}}},
		{{Name: aws.String("tag:" + TagOwnedPrefix + cluster), Values: []string{TagOwned}}},
	}
}

// gather runs jobs concurrently and joins their results and errors.
func gather(ctx context.Context, jobs []func(context.Context) ([]Resource, error)) ([]Resource, error) {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		out  []Resource
		errs []error
	)
	for _, job := range jobs {
		wg.Go(func() {
			rs, err := job(ctx)
			mu.Lock()
			defer mu.Unlock()
			out = append(out, rs...)
			if err != nil {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

func findInstances(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	fs = slices.Concat(fs, []ec2types.Filter{{Name: aws.String("instance-state-name"),
		Values: []string{"pending", "running", "shutting-down", "stopping", "stopped"}}})
	var out []Resource
	p := ec2.NewDescribeInstancesPaginator(c.EC2, &ec2.DescribeInstancesInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe instances: %w", err)
		}
		for _, res := range page.Reservations {
			for _, i := range res.Instances {
				if tags := tagMap(i.Tags); ownedBy(tags, cluster) {
					out = append(out, Resource{Type: ResInstance, Name: tags[TagName], ID: aws.ToString(i.InstanceId), group: tags[tagASGName]})
				}
			}
		}
	}
	return out, nil
}

func findVolumes(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	var out []Resource
	p := ec2.NewDescribeVolumesPaginator(c.EC2, &ec2.DescribeVolumesInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe volumes: %w", err)
		}
		for _, v := range page.Volumes {
			if tags := tagMap(v.Tags); ownedBy(tags, cluster) && v.State != ec2types.VolumeStateDeleted {
				out = append(out, Resource{Type: ResVolume, Name: tags[TagName], ID: aws.ToString(v.VolumeId)})
			}
		}
	}
	return out, nil
}

// findSecurityGroups skips a VPC's default group, which goes with the VPC.
func findSecurityGroups(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	var out []Resource
	p := ec2.NewDescribeSecurityGroupsPaginator(c.EC2, &ec2.DescribeSecurityGroupsInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe security groups: %w", err)
		}
		for _, g := range page.SecurityGroups {
			if tags := tagMap(g.Tags); ownedBy(tags, cluster) && aws.ToString(g.GroupName) != "default" {
				out = append(out, Resource{Type: ResSecurityGroup, Name: nameOr(tags, aws.ToString(g.GroupName)), ID: aws.ToString(g.GroupId)})
			}
		}
	}
	return out, nil
}

func findSubnets(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	var out []Resource
	p := ec2.NewDescribeSubnetsPaginator(c.EC2, &ec2.DescribeSubnetsInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe subnets: %w", err)
		}
		for _, s := range page.Subnets {
			if tags := tagMap(s.Tags); ownedBy(tags, cluster) {
				out = append(out, Resource{Type: ResSubnet, Name: tags[TagName], ID: aws.ToString(s.SubnetId)})
			}
		}
	}
	return out, nil
}

// findRouteTables skips a VPC's main route table, which goes with the VPC.
func findRouteTables(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	var out []Resource
	p := ec2.NewDescribeRouteTablesPaginator(c.EC2, &ec2.DescribeRouteTablesInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe route tables: %w", err)
		}
		for _, t := range page.RouteTables {
			if tags := tagMap(t.Tags); ownedBy(tags, cluster) && !isMainRouteTable(t) {
				out = append(out, Resource{Type: ResRouteTable, Name: tags[TagName], ID: aws.ToString(t.RouteTableId)})
			}
		}
	}
	return out, nil
}

func isMainRouteTable(t ec2types.RouteTable) bool {
	return slices.ContainsFunc(t.Associations, func(a ec2types.RouteTableAssociation) bool { return aws.ToBool(a.Main) })
}

// findNatGateways skips the deleted and deleting ones.
func findNatGateways(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	fs = slices.Concat(fs, []ec2types.Filter{{Name: aws.String("state"), Values: []string{"pending", "available"}}})
	var out []Resource
	p := ec2.NewDescribeNatGatewaysPaginator(c.EC2, &ec2.DescribeNatGatewaysInput{Filter: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe NAT gateways: %w", err)
		}
		for _, n := range page.NatGateways {
			if tags := tagMap(n.Tags); ownedBy(tags, cluster) {
				out = append(out, Resource{Type: ResNatGateway, Name: tags[TagName], ID: aws.ToString(n.NatGatewayId)})
			}
		}
	}
	return out, nil
}

func findElasticIPs(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	out, err := c.EC2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{Filters: fs})
	if err != nil {
		return nil, fmt.Errorf("describe addresses: %w", err)
	}
	var rs []Resource
	for _, a := range out.Addresses {
		if tags := tagMap(a.Tags); ownedBy(tags, cluster) {
			rs = append(rs, Resource{Type: ResElasticIP, Name: nameOr(tags, aws.ToString(a.PublicIp)), ID: aws.ToString(a.AllocationId)})
		}
	}
	return rs, nil
}

func findInternetGateways(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	var out []Resource
	p := ec2.NewDescribeInternetGatewaysPaginator(c.EC2, &ec2.DescribeInternetGatewaysInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe internet gateways: %w", err)
		}
		for _, g := range page.InternetGateways {
			if tags := tagMap(g.Tags); ownedBy(tags, cluster) {
				out = append(out, Resource{Type: ResInternetGateway, Name: tags[TagName], ID: aws.ToString(g.InternetGatewayId)})
			}
		}
	}
	return out, nil
}

func findVPCs(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	var out []Resource
	p := ec2.NewDescribeVpcsPaginator(c.EC2, &ec2.DescribeVpcsInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe VPCs: %w", err)
		}
		for _, v := range page.Vpcs {
			if tags := tagMap(v.Tags); ownedBy(tags, cluster) {
				out = append(out, Resource{Type: ResVPC, Name: tags[TagName], ID: aws.ToString(v.VpcId)})
			}
		}
	}
	return out, nil
}

func findDHCPOptions(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	var out []Resource
	p := ec2.NewDescribeDhcpOptionsPaginator(c.EC2, &ec2.DescribeDhcpOptionsInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe DHCP options: %w", err)
		}
		for _, d := range page.DhcpOptions {
			if tags := tagMap(d.Tags); ownedBy(tags, cluster) {
				out = append(out, Resource{Type: ResDHCPOptions, Name: tags[TagName], ID: aws.ToString(d.DhcpOptionsId)})
			}
		}
	}
	return out, nil
}

func findKeypairs(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	out, err := c.EC2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{Filters: fs})
	if err != nil {
		return nil, fmt.Errorf("describe key pairs: %w", err)
	}
	var rs []Resource
	for _, k := range out.KeyPairs {
		if tags := tagMap(k.Tags); ownedBy(tags, cluster) {
			rs = append(rs, Resource{Type: ResKeypair, Name: nameOr(tags, aws.ToString(k.KeyName)), ID: aws.ToString(k.KeyPairId)})
		}
	}
	return rs, nil
}

func findLaunchTemplates(ctx context.Context, c *Clients, cluster string, fs []ec2types.Filter) ([]Resource, error) {
	var out []Resource
	p := ec2.NewDescribeLaunchTemplatesPaginator(c.EC2, &ec2.DescribeLaunchTemplatesInput{Filters: fs})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe launch templates: %w", err)
		}
		for _, t := range page.LaunchTemplates {
			if tags := tagMap(t.Tags); ownedBy(tags, cluster) {
				out = append(out, Resource{Type: ResLaunchTemplate, Name: nameOr(tags, aws.ToString(t.LaunchTemplateName)), ID: aws.ToString(t.LaunchTemplateId)})
			}
		}
	}
	return out, nil
}
