package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

var body1KiB = bytes.Repeat([]byte("x"), 1024)

func workloads() []workload {
	return []workload{
		{"S3 PutObject 1KiB", s3Put},
		{"S3 GetObject 1KiB", s3Get},
		{"IAM GetRole", iamGetRole},
		{"EC2 DescribeVpcs", ec2DescribeVpcs},
		{"EC2 DescribeInstances tag", ec2DescribeInstancesByTag},
		{"EC2 RunInstances", ec2RunInstances},
		{"Route53 UPSERT", route53Upsert},
	}
}

func s3Client(cfg aws.Config) *s3.Client {
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

func s3Put(ctx context.Context, cfg aws.Config, tag string) (func(context.Context, int64) error, error) {
	c := s3Client(cfg)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(tag + "-put")}); err != nil {
		return nil, err
	}
	return func(ctx context.Context, i int64) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(tag + "-put"), Key: aws.String(fmt.Sprintf("k/%d", i)), Body: bytes.NewReader(body1KiB)})
		return err
	}, nil
}

func s3Get(ctx context.Context, cfg aws.Config, tag string) (func(context.Context, int64) error, error) {
	c := s3Client(cfg)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(tag + "-get")}); err != nil {
		return nil, err
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(tag + "-get"), Key: aws.String("obj"), Body: bytes.NewReader(body1KiB)}); err != nil {
		return nil, err
	}
	return func(ctx context.Context, _ int64) error {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(tag + "-get"), Key: aws.String("obj")})
		if err != nil {
			return err
		}
		n, err := io.Copy(io.Discard, out.Body)
		out.Body.Close()
		if err == nil && n != 1024 {
			err = fmt.Errorf("GetObject returned %d bytes, want 1024", n)
		}
		return err
	}, nil
}

func iamGetRole(ctx context.Context, cfg aws.Config, tag string) (func(context.Context, int64) error, error) {
	c := iam.NewFromConfig(cfg)
	name := tag + "-role"
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	if _, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)}); err != nil {
		return nil, err
	}
	return func(ctx context.Context, _ int64) error {
		_, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		return err
	}, nil
}

// benchVPC returns the VPC and subnet the EC2 workloads share, created on
// first use (fakeaws enforces AWS's quota of five VPCs per region).
func benchVPC(ctx context.Context, c *ec2.Client) (vpcID, subnetID string, err error) {
	vpcs, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("tag:benchpeers"), Values: []string{"1"}}}})
	if err != nil {
		return "", "", err
	}
	if len(vpcs.Vpcs) == 0 {
		v, err := c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16"), TagSpecifications: []ec2types.TagSpecification{{
			ResourceType: ec2types.ResourceTypeVpc, Tags: []ec2types.Tag{{Key: aws.String("benchpeers"), Value: aws.String("1")}},
		}}})
		if err != nil {
			return "", "", err
		}
		vpcID = aws.ToString(v.Vpc.VpcId)
		sn, err := c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpcID), CidrBlock: aws.String("10.20.0.0/18"), AvailabilityZone: aws.String("us-east-1a")})
		if err != nil {
			return "", "", err
		}
		return vpcID, aws.ToString(sn.Subnet.SubnetId), nil
	}
	vpcID = aws.ToString(vpcs.Vpcs[0].VpcId)
	sns, err := c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}})
	if err != nil {
		return "", "", err
	}
	if len(sns.Subnets) == 0 {
		return "", "", errors.New("the benchmark VPC has no subnet")
	}
	return vpcID, aws.ToString(sns.Subnets[0].SubnetId), nil
}

func ec2DescribeVpcs(ctx context.Context, cfg aws.Config, _ string) (func(context.Context, int64) error, error) {
	c := ec2.NewFromConfig(cfg)
	if _, _, err := benchVPC(ctx, c); err != nil {
		return nil, err
	}
	return func(ctx context.Context, _ int64) error {
		out, err := c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
		if err == nil && len(out.Vpcs) == 0 {
			err = errors.New("DescribeVpcs returned no VPC")
		}
		return err
	}, nil
}

// anImage is an AMI the server knows, for RunInstances.
func anImage(ctx context.Context, c *ec2.Client) (string, error) {
	out, err := c.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"amazon"}})
	if err != nil {
		return "", err
	}
	for _, im := range out.Images {
		if im.Architecture == ec2types.ArchitectureValuesX8664 {
			return aws.ToString(im.ImageId), nil
		}
	}
	if len(out.Images) > 0 {
		return aws.ToString(out.Images[0].ImageId), nil
	}
	return "", errors.New("DescribeImages -Owners amazon returned no image")
}

func runInstances(ctx context.Context, c *ec2.Client, image, subnet, tag string, n int32) error {
	_, err := c.RunInstances(ctx, &ec2.RunInstancesInput{
		ImageId: aws.String(image), InstanceType: ec2types.InstanceTypeT3Micro, MinCount: aws.Int32(n), MaxCount: aws.Int32(n),
		SubnetId: aws.String(subnet),
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeInstance,
			Tags: []ec2types.Tag{{Key: aws.String("bench"), Value: aws.String(tag)}}}},
	})
	return err
}

func ec2DescribeInstancesByTag(ctx context.Context, cfg aws.Config, tag string) (func(context.Context, int64) error, error) {
	c := ec2.NewFromConfig(cfg)
	_, subnet, err := benchVPC(ctx, c)
	if err != nil {
		return nil, err
	}
	image, err := anImage(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := runInstances(ctx, c, image, subnet, tag, 100); err != nil {
		return nil, err
	}
	return func(ctx context.Context, _ int64) error {
		out, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []ec2types.Filter{{Name: aws.String("tag:bench"), Values: []string{tag}}}})
		if err != nil {
			return err
		}
		n := 0
		for _, r := range out.Reservations {
			n += len(r.Instances)
		}
		if n != 100 {
			return fmt.Errorf("DescribeInstances by tag found %d instances, want 100", n)
		}
		return nil
	}, nil
}

func ec2RunInstances(ctx context.Context, cfg aws.Config, tag string) (func(context.Context, int64) error, error) {
	c := ec2.NewFromConfig(cfg)
	_, subnet, err := benchVPC(ctx, c)
	if err != nil {
		return nil, err
	}
	image, err := anImage(ctx, c)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, _ int64) error {
		return runInstances(ctx, c, image, subnet, tag+"-run", 1)
	}, nil
}

func route53Upsert(ctx context.Context, cfg aws.Config, tag string) (func(context.Context, int64) error, error) {
	c := route53.NewFromConfig(cfg)
	zone := tag + ".example.com"
	z, err := c.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(zone), CallerReference: aws.String(tag)})
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, i int64) error {
		_, err := c.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{
			HostedZoneId: z.HostedZone.Id,
			ChangeBatch: &r53types.ChangeBatch{Changes: []r53types.Change{{
				Action: r53types.ChangeActionUpsert,
				ResourceRecordSet: &r53types.ResourceRecordSet{
					Name: aws.String(fmt.Sprintf("r%d.%s", i%100+100, zone)), Type: r53types.RRTypeA, TTL: aws.Int64(60),
					ResourceRecords: []r53types.ResourceRecord{{Value: aws.String(fmt.Sprintf("10.0.0.%d", i%200+1))}},
				},
			}}},
		})
		return err
	}, nil
}
