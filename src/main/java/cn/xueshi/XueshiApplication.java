package cn.xueshi;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 学时通: continuing-education credit hours, from registration to filing. */
@SpringBootApplication
@EnableProcessApplication("xueshitong")
@ConfigurationPropertiesScan
public class XueshiApplication {

    public static void main(String[] args) {
        SpringApplication.run(XueshiApplication.class, args);
    }
}
