import { Application } from "./application.model";
import { Connection } from "./connection";
import { Enterprise } from "./enterprise.model";
import { Posting } from "./posting.model";
import { School } from "./school.model";
import { Student } from "./student.model";

export const EnterpriseConnection = Connection(Enterprise, "Enterprise");
export const SchoolConnection = Connection(School, "School");
export const StudentConnection = Connection(Student, "Student");
export const PostingConnection = Connection(Posting, "Posting");
export const ApplicationConnection = Connection(Application, "Application");
