// Package aws is drydock's AWS driver: it plans, applies and deletes the
// cloud resources of a kOps-shaped cluster with aws-sdk-go-v2, against
// real AWS or the sandbox's fakeaws alike.
//
// Each resource kind is a task with Find (read-only), a diff of the
// actual resource against the expected one, a check of immutable fields and
// Apply. Tasks run in dependency order, independent ones concurrently.
// Every resource is tagged KubernetesCluster=NAME and
// kubernetes.io/cluster/NAME=owned (see OwnershipTags); delete finds a
// cluster's resources by those tags and never touches anything else.
//
// Resource names, as kOps names them, for a cluster NAME:
//
//	VPC, DHCPOptions, InternetGateway   NAME
//	Subnet                              ZONE.NAME (Private, Public), utility-ZONE.NAME (Utility)
//	ElasticIP, NatGateway               ZONE.NAME
//	RouteTable                          NAME (public), private-ZONE.NAME
//	SecurityGroup                       masters.NAME, nodes.NAME, api-elb.NAME, bastion.NAME
//	IAMRole, IAMInstanceProfile,
//	IAMRolePolicy                       masters.NAME, nodes.NAME, bastions.NAME
//	SSHKey                              kubernetes.NAME-FINGERPRINT (colons)
//	LaunchTemplate, AutoscalingGroup    IG.masters.NAME (control plane), IG.NAME (others)
//	EBSVolume                           MEMBER.etcd-main.NAME, MEMBER.etcd-events.NAME
//	NetworkLoadBalancer                 api.NAME (AWS name: LoadBalancerName("api", NAME))
//	TargetGroup                         tcp.NAME (AWS name: TargetGroupName("tcp", NAME))
//	DNSName                             api.NAME (A alias to the NLB), when DNS is Public or Private
package aws
