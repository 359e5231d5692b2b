import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { IsOptional, IsString, Max, Min } from "class-validator";

export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Relay-style page arguments: at most 100 nodes a page. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: "page size, 1–100" })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page" })
  @IsOptional()
  @IsString()
  after?: string | null;
}

export interface ConnectionShape<T> {
  totalCount: number;
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => Int)
    totalCount!: number;

    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
