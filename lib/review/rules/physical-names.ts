/**
 * CloudFormation types whose name property fixes the physical name. When such a resource
 * is replaced and the template sets the name, CloudFormation creates the new resource
 * before deleting the old one, the name is still taken, and the update fails ("already
 * exists") and rolls back. The CloudFormation specification marks these properties
 * create-only but does not say that they name the resource, hence this table.
 *
 * Source: the "Replacement" notes of each property in the AWS CloudFormation resource
 * reference, e.g. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html#cfn-s3-bucket-bucketname
 * ("If you specify a name, you can't perform updates that require replacement of this resource").
 */
export const PHYSICAL_NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Logs::LogStream': 'LogStreamName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::SAMLProvider': 'Name',
  'AWS::IAM::OIDCProvider': 'Url',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Lambda::Alias': 'Name',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::EC2::SecurityGroup': 'GroupName',
  'AWS::Events::Rule': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::SSM::Parameter': 'Name',
};

/** The property that names a resource of this type, when it has one. */
export function physicalNameProperty(type: string): string | undefined {
  return PHYSICAL_NAME_PROPERTIES[type];
}

/**
 * True when the template fixes the physical name (sets the name property): a replacement
 * of such a resource fails.
 */
export function hasFixedPhysicalName(
  type: string,
  properties: Readonly<Record<string, unknown>> | undefined,
): boolean {
  const property = PHYSICAL_NAME_PROPERTIES[type];
  return property !== undefined && properties?.[property] !== undefined;
}
