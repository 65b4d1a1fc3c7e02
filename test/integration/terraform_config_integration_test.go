package integration

import "fmt"

const (
	tfObjectContent = "hello from terraform\n"
	tfInlinePolicy  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::drydock-tf-state/*"}]}`
)

// tfConfig is the Terraform configuration applied against endpoint: the
// provider pointed at fakeaws for S3, IAM and STS, with credential
// validation and the account ID lookup left on, as a user would.
func tfConfig(endpoint string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = %[2]q
    }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  s3_use_path_style           = true
  skip_credentials_validation = false
  skip_requesting_account_id  = false
  skip_metadata_api_check     = true

  endpoints {
    s3  = %[1]q
    iam = %[1]q
    sts = %[1]q
  }
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "state" {
  bucket = "drydock-tf-state"
  tags = {
    Owner = "drydock"
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_object" "hello" {
  bucket       = aws_s3_bucket.state.id
  key          = "config/hello.txt"
  content      = %[3]q
  content_type = "text/plain"
  depends_on   = [aws_s3_bucket_versioning.state]
}

resource "aws_iam_role" "node" {
  name = "drydock-tf-node"
  path = "/drydock/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = {
    Owner = "drydock"
  }
}

resource "aws_iam_role_policy" "node" {
  name = "node-s3"
  role = aws_iam_role.node.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "${aws_s3_bucket.state.arn}/*"
    }]
  })
}

resource "aws_iam_instance_profile" "node" {
  name = "drydock-tf-node"
  path = "/drydock/"
  role = aws_iam_role.node.name
}

output "account_id" {
  value = data.aws_caller_identity.current.account_id
}

output "role_arn" {
  value = aws_iam_role.node.arn
}

output "role_id" {
  value = aws_iam_role.node.unique_id
}

output "profile_arn" {
  value = aws_iam_instance_profile.node.arn
}

output "bucket_arn" {
  value = aws_s3_bucket.state.arn
}

output "object_etag" {
  value = aws_s3_object.hello.etag
}
`, endpoint, tfProviderVersion, tfObjectContent)
}
