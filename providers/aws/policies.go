package aws

import (
	"encoding/json"
)

// ec2AssumeRolePolicy lets EC2 instances take a role.
const ec2AssumeRolePolicy = `{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"}}],"Version":"2012-10-17"}`

type statement struct {
	Action    []string       `json:"Action"`
	Condition map[string]any `json:"Condition,omitempty"`
	Effect    string         `json:"Effect"`
	Resource  string         `json:"Resource"`
}

func policy(statements ...statement) string {
	b, err := json.Marshal(map[string]any{"Statement": statements, "Version": "2012-10-17"})
	if err != nil {
		panic(err) // static data
	}
	return string(b)
}

// controlPlanePolicy is what control planes may do: what kOps grants the
// cloud controller manager, the AWS load balancer and EBS CSI controllers
// and kOps' own controllers, in fewer statements. Changes to resources are
// limited to those tagged as the cluster's.
func controlPlanePolicy(cluster string) string {
	owned := map[string]any{"StringEquals": map[string]string{"aws:ResourceTag/KubernetesCluster": cluster}}
	return policy(
		statement{Effect: "Allow", Resource: "*", Action: []string{
			"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
			"autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeTags",
			"ec2:DescribeAccountAttributes", "ec2:DescribeAvailabilityZones", "ec2:DescribeInstanceTypes",
			"ec2:DescribeInstances", "ec2:DescribeLaunchTemplateVersions", "ec2:DescribeRegions",
			"ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeTags",
			"ec2:DescribeVolumes", "ec2:DescribeVolumesModifications", "ec2:DescribeVpcs",
			"elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeLoadBalancerAttributes",
			"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags",
			"elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
			"iam:GetServerCertificate", "iam:ListServerCertificates",
			"route53:GetChange", "route53:ListHostedZones", "route53:ListResourceRecordSets",
			"ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:DescribeRepositories",
			"ecr:GetAuthorizationToken", "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy", "ecr:ListImages",
		}},
		statement{Effect: "Allow", Resource: "*", Condition: owned, Action: []string{
			"autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup",
			"ec2:AttachVolume", "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateRoute", "ec2:DeleteRoute",
			"ec2:DeleteSecurityGroup", "ec2:DeleteVolume", "ec2:DetachVolume", "ec2:ModifyInstanceAttribute",
			"ec2:ModifyVolume", "ec2:RevokeSecurityGroupIngress",
			"elasticloadbalancing:AddTags", "elasticloadbalancing:DeleteLoadBalancer",
			"elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyListener",
			"elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:ModifyTargetGroup",
			"elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets",
		}},
		statement{Effect: "Allow", Resource: "*", Action: []string{
			"ec2:CreateSecurityGroup", "ec2:CreateTags", "ec2:CreateVolume",
			"elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateLoadBalancer",
			"elasticloadbalancing:CreateTargetGroup",
		}},
		statement{Effect: "Allow", Resource: "arn:aws:route53:::hostedzone/*", Action: []string{
			"route53:ChangeResourceRecordSets", "route53:GetHostedZone", "route53:ListTagsForResource",
		}},
	)
}

// nodePolicy is what worker nodes may do: describe their surroundings
// and pull images.
func nodePolicy() string {
	return policy(statement{Effect: "Allow", Resource: "*", Action: []string{
		"autoscaling:DescribeAutoScalingInstances", "ec2:DescribeInstanceTypes", "ec2:DescribeInstances",
		"ec2:DescribeRegions", "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage",
		"ecr:DescribeRepositories", "ecr:GetAuthorizationToken", "ecr:GetDownloadUrlForLayer",
		"ecr:GetRepositoryPolicy", "ecr:ListImages", "iam:GetServerCertificate", "iam:ListServerCertificates",
	}})
}

// bastionPolicy lets a bastion see the regions, as kOps' does.
func bastionPolicy() string {
	return policy(statement{Effect: "Allow", Resource: "*", Action: []string{"ec2:DescribeRegions"}})
}
